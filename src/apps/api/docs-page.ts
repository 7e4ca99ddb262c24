/**
 * `/docs`: a readable reference made from the OpenAPI document itself, as plain HTML with a same-origin
 * stylesheet: nothing fetched from elsewhere, no script, every value escaped.
 */
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: { type?: string; enum?: unknown[]; default?: unknown };
}

interface Operation {
  summary?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, unknown> };
  responses?: Record<string, { description?: string; content?: Record<string, unknown> }>;
  security?: unknown[];
}

export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
}

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

function parameterRows(parameters: readonly Parameter[]): string {
  if (parameters.length === 0) return '';
  const rows = parameters.map((p) => {
    const type = p.schema?.enum ? p.schema.enum.map(String).join(' | ') : p.schema?.type ?? '';
    const fallback = p.schema?.default !== undefined ? ` (default ${String(p.schema.default)})` : '';
    return `<tr><td><code>${escapeHtml(p.name)}</code>${p.required ? ' *' : ''}</td><td>${escapeHtml(p.in)}</td><td>${escapeHtml(type)}</td><td>${escapeHtml((p.description ?? '') + fallback)}</td></tr>`;
  });
  return `<table><thead><tr><th>parameter</th><th>in</th><th>type</th><th>meaning</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function operationHtml(method: string, path: string, op: Operation): string {
  const anchor = `${method}-${path}`.replace(/[^a-z0-9]+/gi, '-');
  const responses = Object.entries(op.responses ?? {}).map(([status, response]) =>
    `<li><code>${escapeHtml(status)}</code> ${escapeHtml(response.description ?? '')} <small>${escapeHtml(Object.keys(response.content ?? {}).join(', '))}</small></li>`).join('');
  const body = op.requestBody ? `<p>Body: ${escapeHtml(Object.keys(op.requestBody.content ?? {}).join(', '))}</p>` : '';
  const auth = op.security ? '<p class="auth">Needs <code>Authorization: Bearer &lt;token&gt;</code>.</p>' : '';
  return `<section id="${escapeHtml(anchor)}"><h3><span class="method">${escapeHtml(method.toUpperCase())}</span> <code>${escapeHtml(path)}</code></h3>
<p>${escapeHtml(op.summary ?? '')}</p>${auth}${parameterRows(op.parameters ?? [])}${body}<ul>${responses}</ul></section>`;
}

export function docsPage(document: OpenApiDocument): string {
  const operations = Object.entries(document.paths).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  const index = operations.map(({ path, method }) => {
    const anchor = `${method}-${path}`.replace(/[^a-z0-9]+/gi, '-');
    return `<li><a href="#${escapeHtml(anchor)}">${escapeHtml(method.toUpperCase())} ${escapeHtml(path)}</a></li>`;
  }).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.info.title)} ${escapeHtml(document.info.version)}</title><link rel="stylesheet" href="/docs.css"></head>
<body><main><h1>${escapeHtml(document.info.title)} <small>${escapeHtml(document.info.version)}</small></h1>
<p>${escapeHtml(document.info.description ?? '')}</p><p>The machine-readable document: <a href="/openapi.json">/openapi.json</a>.</p>
<nav><ul>${index}</ul></nav>${operations.map(({ path, method, op }) => operationHtml(method, path, op)).join('\n')}</main></body></html>
`;
}

export const DOCS_CSS = `body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff}
main{max-width:60rem;margin:0 auto;padding:1rem 1.5rem}
section{border-top:1px solid #ddd;padding:.5rem 0}
.method{display:inline-block;min-width:3.5rem;font-weight:700;color:#0b5394}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}
code{font-family:ui-monospace,monospace}.auth{color:#8a4b00}nav ul{columns:2}
`;
