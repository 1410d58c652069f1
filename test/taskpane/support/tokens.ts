/** base64url of UTF-8 text, as a JWT encodes its parts. */
function base64url(text: string): string {
  return Buffer.from(text, "utf8").toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** An unsigned access token with `claims` as its payload, shaped as Office's SSO token is (header.payload.signature). */
export function fakeToken(claims: Record<string, unknown>): string {
  const header = base64url(JSON.stringify({ typ: "JWT", alg: "RS256" }));
  const payload = base64url(
    JSON.stringify({ aud: "api://localhost:3000/00000000-0000-0000-0000-000000000000", ...claims }),
  );
  return `${header}.${payload}.c2lnbmF0dXJl`;
}
