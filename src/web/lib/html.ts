/** The text of server-rendered HTML (key points) for matching typed answers against it. */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html, "text/html");
  return doc.body.textContent ?? "";
}
