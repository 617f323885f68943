// Spring Data style paging: request parameters in, page envelope out.

export const MAX_PAGE_SIZE = 10_000;

export interface PageRequest {
  page: number;
  size: number;
}

export interface SortOrder {
  field: string;
  ascending: boolean;
}

export interface SpringPage<T> {
  content: T[];
  first: boolean;
  last: boolean;
  totalElements: number;
  totalPages: number;
  size: number;
  number: number;
  numberOfElements: number;
  sort: SortOrder;
}

export interface PageParamNames {
  defaultSize: number;
  pageParams: readonly string[];
  sizeParams: readonly string[];
}

/** Throws a message (for a 400) on a non-numeric or negative page or a size below 1; caps size. */
export function parsePageRequest(query: URLSearchParams, names: PageParamNames): PageRequest {
  const page = readInteger(query, names.pageParams, 0, 0);
  const size = readInteger(query, names.sizeParams, names.defaultSize, 1);
  return { page, size: Math.min(size, MAX_PAGE_SIZE) };
}

function readInteger(query: URLSearchParams, params: readonly string[], fallback: number, min: number): number {
  for (const param of params) {
    const raw = query.get(param);
    if (raw === null || raw.trim() === '') continue;
    if (!/^-?\d+$/.test(raw.trim())) throw new Error(`Failed to convert value of type 'java.lang.String' to required type 'int'; For input string: "${raw}"`);
    const value = Number(raw.trim());
    if (value < min || !Number.isSafeInteger(value)) throw new Error(`${param} must be an integer >= ${min}`);
    return value;
  }
  return fallback;
}

/** First `sort` parameter as field + direction (asc unless desc), or null when absent. */
export function parseSortParam(query: URLSearchParams): SortOrder | null {
  const raw = query.getAll('sort').find((value) => value.trim() !== '');
  if (raw === undefined) return null;
  const [field = '', direction = 'asc'] = raw.split(',').map((part) => part.trim());
  return { field, ascending: direction.toLowerCase() !== 'desc' };
}

export function springPage<T>(content: T[], totalElements: number, request: PageRequest, sort: SortOrder): SpringPage<T> {
  const totalPages = Math.ceil(totalElements / request.size);
  return {
    content,
    first: request.page === 0,
    last: request.page >= totalPages - 1,
    totalElements,
    totalPages,
    size: request.size,
    number: request.page,
    numberOfElements: content.length,
    sort,
  };
}
