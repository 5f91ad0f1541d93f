package iok.books.write.importbatch;

/** How a batch went: its rows, and how many of them were news to IOK (the rest were known already). */
public record ImportResult(int rows, int recorded) {}
