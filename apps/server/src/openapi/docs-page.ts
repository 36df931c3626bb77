/** A browsable, script-free HTML page rendered from the OpenAPI document (works under the strict CSP). */
export function renderDocsPage(doc: Record<string, unknown>): string {
  const esc = (s: unknown): string =>
    String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
  const info = doc.info as { title: string; version: string; description: string };
  const paths = doc.paths as Record<string, Record<string, Record<string, unknown>>>;
  const sections: string[] = [];
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const body = op.requestBody as { content: { 'application/json': { schema: unknown } } } | undefined;
      const params = (op.parameters as { name: string; in: string; required: boolean; schema: unknown }[] | undefined) ?? [];
      const security = (op.security as Record<string, unknown>[] | undefined) ?? [];
      const auth = security.length === 0 ? 'no login' : Object.keys(security[0] ?? {}).join(', ');
      sections.push(`<section class="op"><h2><span class="method method--${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h2>
<p>${esc(op.summary)} <span class="auth">(${esc(auth)})</span></p>${op.description ? `<p class="desc">${esc(op.description)}</p>` : ''}
${params.length ? `<h3>Parameters</h3><ul>${params.map((p) => `<li><code>${esc(p.name)}</code> in ${esc(p.in)}${p.required ? ' (required)' : ''}: <code>${esc(JSON.stringify(p.schema))}</code></li>`).join('')}</ul>` : ''}
${body ? `<h3>Body</h3><pre>${esc(JSON.stringify(body.content['application/json'].schema, null, 2))}</pre>` : ''}
<h3>Responses</h3><ul>${Object.entries(op.responses as Record<string, { description: string }>).map(([code, r]) => `<li><code>${esc(code)}</code> ${esc(r.description)}</li>`).join('')}</ul></section>`);
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(info.title)} ${esc(info.version)}</title><link rel="stylesheet" href="/api/docs.css"></head>
<body><main><h1>${esc(info.title)} <small>${esc(info.version)}</small></h1><p>${esc(info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>${sections.join('\n')}</main></body></html>`;
}

export const DOCS_CSS = `body{font:15px/1.5 system-ui,sans-serif;background:#0d1117;color:#e6edf3;margin:0}main{max-width:960px;margin:0 auto;padding:24px}
a{color:#79c0ff}code,pre{font-family:ui-monospace,monospace}pre{background:#161b22;padding:12px;overflow:auto;border-radius:6px}
.op{border-top:1px solid #30363d;padding:12px 0}h2{font-size:18px;margin:8px 0}.method{display:inline-block;min-width:64px;padding:2px 8px;border-radius:4px;background:#1f6feb;color:#fff;font-size:13px;text-align:center}
.method--post{background:#238636}.method--delete{background:#da3633}.method--patch{background:#9e6a03}.auth{color:#9da7b3}.desc{color:#c9d1d9}h3{font-size:14px;margin:8px 0 4px}`;
