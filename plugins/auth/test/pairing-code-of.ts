/** The pairing code in a guard reply, or throws. */
export function pairingCodeOf(reply: string): string {
  const match = /pairing code(?: is|:) ([A-Z2-9]{8})\b/.exec(reply);
  if (!match?.[1]) throw new Error(`no pairing code in: ${reply}`);
  return match[1];
}
