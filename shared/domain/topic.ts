/**
 * One rule for a topic's identity, everywhere topics are compared
 * (topic.add's duplicate, a walk-in's topics against its table's, a floor
 * plan's topics against the event's and plan.import's, the topic picker's
 * "already in the list"): the
 * label in NFC, compared without case ("Networking" is "networking"), the
 * same on every laptop whatever its language (toLowerCase, not the
 * locale's; a lint rule refuses a locale-less toLocaleLowerCase). Zod-free.
 */
export function topicKey(label: string): string {
  return label.normalize('NFC').trim().toLowerCase();
}

/** The labels with each topic once (by topicKey), the first spelling kept, empty ones dropped; in order. */
export function uniqueTopics(labels: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const label of labels) {
    const key = topicKey(label);
    if (key.length === 0 || seen.has(key)) continue;
    seen.add(key);
    out.push(label.trim());
  }
  return out;
}
