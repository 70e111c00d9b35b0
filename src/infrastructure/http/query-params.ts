/** Query-string transforms for class-transformer's @Transform: "true"/"false" to booleans (others left to fail). */
export const queryBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : value;
