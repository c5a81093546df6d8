// opencc-js ships dictionary modules without types: each default-exports "from to|from to|…".
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
