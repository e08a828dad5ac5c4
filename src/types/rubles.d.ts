// `rubles` (Russian amounts in words) ships no types.
declare module 'rubles' {
  /** "восемьдесят четыре тысячи рублей 00 копеек"; false for input it cannot read. */
  export function rubles(amount: number | string): string | false;
}
