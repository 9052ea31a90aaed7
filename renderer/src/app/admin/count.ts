/** "1 attempt", "3 attempts", "0 attempts": a number with its noun, as a head teacher would write it. */
export const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
