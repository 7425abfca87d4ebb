/** js-hcl-parser ships no types: hashicorp/hcl v1 compiled to JavaScript (GopherJS), CommonJS. */
declare module 'js-hcl-parser' {
  const hcl: {
    /** HCL text to its JSON text, or the error text on a syntax error ("unable to parse JSON: At 2:2: ..."). */
    parse(text: string): string;
  };
  export default hcl;
}
