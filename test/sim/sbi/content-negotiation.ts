// Accept header handling: JSON-ish media types (and CSV where an endpoint offers it), else 406.

export type MediaKind = 'json' | 'csv';

export interface NegotiatedMedia {
  kind: MediaKind;
  contentType: string;
}

const JSON_MEDIA: NegotiatedMedia = { kind: 'json', contentType: 'application/json' };
const CSV_MEDIA: NegotiatedMedia = { kind: 'csv', contentType: 'text/csv;charset=UTF-8' };

export function negotiate(acceptHeader: string | undefined, produces: readonly MediaKind[]): NegotiatedMedia | null {
  // a missing Accept header means anything goes, as in Spring
  if (!acceptHeader || acceptHeader.trim() === '') return produces[0] === 'csv' ? CSV_MEDIA : JSON_MEDIA;
  const ranges = acceptHeader
    .split(',')
    .map((part, order) => {
      const [type = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
      const qParam = params.find((param) => param.startsWith('q='));
      const quality = qParam ? Number(qParam.slice(2)) : 1;
      return { type, quality: Number.isFinite(quality) ? quality : 0, order };
    })
    .filter((range) => range.type !== '' && range.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.order - b.order);
  for (const range of ranges) {
    const media = match(range.type, produces);
    if (media) return media;
  }
  return null;
}

function match(type: string, produces: readonly MediaKind[]): NegotiatedMedia | null {
  const offersJson = produces.includes('json');
  const offersCsv = produces.includes('csv');
  if (type === '*/*') return offersJson ? JSON_MEDIA : CSV_MEDIA;
  if (offersJson && (type === 'application/*' || type === 'application/json')) return JSON_MEDIA;
  // vendor types such as application/vnd.sbi.details.worker+json are answered in kind
  if (offersJson && /^application\/[a-z0-9.+-]+\+json$/.test(type)) return { kind: 'json', contentType: type };
  if (offersCsv && (type === 'text/csv' || type === 'text/*')) return CSV_MEDIA;
  return null;
}
