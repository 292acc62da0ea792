// Query.search: one ranked list of entities, claims and articles (filled in by the issue 4 work).
export {};
