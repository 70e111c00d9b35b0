/** A domain event: plain data with a fixed, stored `type` name (a contract: never derived from a class name). */
export type Event<Type extends string = string, Data extends object = object> = Readonly<{
  type: Type;
  data: Data;
}>;
