/** A PostgreSQL position: `<transaction id>:<global position>`, both zero-padded so that positions sort as strings. */
export const formatPosition = (txid: string | bigint, gp: string | bigint): string =>
  `${String(txid).padStart(20, '0')}:${String(gp).padStart(20, '0')}`;

export const parsePosition = (position: string): { txid: bigint; gp: bigint } => {
  const [txid, gp] = position.split(':');
  return { txid: BigInt(txid ?? '0'), gp: BigInt(gp ?? '0') };
};
