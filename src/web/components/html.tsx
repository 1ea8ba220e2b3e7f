/**
 * Markdown rendered by the server from the trusted, checked bank (docs/api.md);
 * never user input.
 */
export function Html({
  html,
  className,
  as = "div",
}: {
  html: string;
  className?: string;
  as?: "div" | "span";
}) {
  const Tag = as;
  // biome-ignore lint/security/noDangerouslySetInnerHtml: server-rendered trusted bank content
  return <Tag className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
