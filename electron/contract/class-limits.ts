/** The most answers one class question takes per option: beyond this is a typing slip or a forgery (no zod here: the renderer reads it too). */
export const CLASS_TALLY_MAX = 60;
