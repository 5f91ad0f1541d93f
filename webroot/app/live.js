// Live messages from /api/events. The browser's EventSource reconnects by itself and sends Last-Event-ID,
// so a dropped network loses nothing; when the stream is refused (session ended) we tell the app.

export function connect({ onMessage, onState, onEnded }) {
  let source;
  let lastId = null;
  let closedByUs = false;

  const open = () => {
    const url = lastId ? `/api/events?lastEventId=${encodeURIComponent(lastId)}` : '/api/events';
    source = new EventSource(url);
    source.onopen = () => onState('connected');
    source.onerror = () => {
      if (closedByUs) return;
      if (source.readyState === EventSource.CLOSED) {
        // refused outright (e.g. the session ended): let the app decide; it may reopen us from lastId
        onState('reconnecting');
        onEnded(() => setTimeout(open, 2000));
      } else {
        onState('reconnecting');
      }
    };
    const handle = (event) => {
      lastId = event.lastEventId || lastId;
      let data = {};
      try {
        data = JSON.parse(event.data);
      } catch {
        // keep the message, without data
      }
      onMessage({ id: event.lastEventId, event: event.type, data });
    };
    for (const type of TYPES) source.addEventListener(type, handle);
    source.onmessage = handle;
  };

  open();
  return {
    close() {
      closedByUs = true;
      source?.close();
    },
  };
}

const TYPES = ['regulations.published', 'cooperative.zones-changed', 'finance.balance-changed', 'announcement.published', 'fault.reported',
  'fault.status-changed', 'payment.status-changed', 'fault.commented', 'fault.reopened', 'repair.planned', 'repair.changed', 'reading.reviewed',
  'correspondence.received', 'correspondence.message', 'correspondence.opened', 'account.signed-out', 'account.locked', 'account.unlocked', 'account.blocked', 'account.unblocked',
  'account.password-changed', 'account.password-reset', 'community-document.published', 'resolution.opened',
  'resolution.tally-changed', 'resolution.closed'];
