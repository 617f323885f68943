/** The headless server's WebSocket address for the page's own: wss when the page came over HTTPS (serve --tls-cert). */
export function socketUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}
