import { describe, expect, it } from "vitest";
import { escapeHtml, renderMarkdown } from "./render-html.ts";

describe("renderMarkdown", () => {
  it("renders CommonMark with GFM tables, strikethrough and fenced code", () => {
    const html = renderMarkdown(
      "Use `list.append`, **not** ~~`+`~~.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nprint(1 < 2)\n```",
    );
    expect(html).toContain("<code>list.append</code>");
    expect(html).toContain("<strong>not</strong>");
    expect(html).toContain("<del><code>+</code></del>");
    expect(html).toContain("<table>");
    expect(html).toContain('<pre><code class="language-python">print(1 &lt; 2)\n</code></pre>');
  });

  it("drops authors' HTML comments (key-point terms) and escapes any other raw HTML", () => {
    const html = renderMarkdown(
      "Mutable lists. <!-- terms: mutable, in place -->\n\n<script>alert(1)</script>",
    );
    expect(html).not.toContain("terms");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
  });

  it("refuses javascript: links", () => {
    expect(renderMarkdown("[x](javascript:alert(1))")).not.toContain("javascript:");
  });

  it("renders nothing for empty Markdown", () => {
    expect(renderMarkdown("  \n")).toBe("");
    expect(renderMarkdown("<!-- only a comment -->")).toBe("");
  });

  it("escapes text for HTML", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    );
  });
});
