package iok.books.write.importbatch;

/** What is wrong with one row of a batch: its line (CSV line, or 1-based JSON row), the field, why. */
public record RowProblem(int line, String field, String problem) {}
