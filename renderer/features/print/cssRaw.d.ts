/** Vite's `?raw` import: the file's text as a string (the print stylesheet is sent to main as text). */
declare module '*.css?raw' {
  const text: string;
  export default text;
}
