/**
 * The ids in a screen's address (/projects/:projectId, /pools/:poolId). A page turns its id into a
 * number; a typo such as /work/abc would become NaN, reach the API as /projects/NaN and come back
 * as a schema error. The router checks them first and answers like a missing project would.
 */
const ID_PARAMS: Record<string, string> = { projectId: 'project', poolId: 'pool' };

/** The first id parameter that is not a positive whole number, in words for a "not found" note. */
export function badIdParam(params: Readonly<Record<string, string | undefined>>): { what: string; value: string } | null {
  for (const [name, what] of Object.entries(ID_PARAMS)) {
    const value = params[name];
    if (value !== undefined && !/^[1-9]\d{0,14}$/.test(value)) return { what, value };
  }
  return null;
}
