import css from './print.css?raw';

/**
 * The print stylesheet as text: sent with every job, so main serves the print page exactly the
 * rules the renderer measured with (the preview gets the same file through a normal import).
 */
export const PRINT_CSS: string = css;
