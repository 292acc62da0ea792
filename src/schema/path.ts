// Query.path: shortest chains of relations between two entities (filled in by the issue 4 work).
export {};
