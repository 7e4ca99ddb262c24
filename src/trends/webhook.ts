/**
 * Posting alerts to a webhook the analyst configured: one JSON body per call, with a deadline, and a
 * result per call rather than a throw, so one failing target does not stop the others.
 */
import type { Alert } from './rules.js';

export interface WebhookResult {
  url: string;
  ok: boolean;
  status?: number;
  error?: string;
}

export const WEBHOOK_TIMEOUT_MS = 10_000;

export async function postAlerts(url: string, alerts: readonly Alert[], timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<WebhookResult> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { url, ok: false, error: 'not a URL' };
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return { url, ok: false, error: `only http: and https: webhooks, not ${target.protocol}` };
  try {
    const response = await fetch(target, {
      method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'dyad-alerts' },
      body: JSON.stringify({ alerts }), signal: AbortSignal.timeout(timeoutMs), redirect: 'error',
    });
    await response.body?.cancel();
    return { url, ok: response.ok, status: response.status };
  } catch (error) {
    return { url, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
