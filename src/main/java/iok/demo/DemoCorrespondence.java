package iok.demo;

import iok.Iok;
import iok.correspondence.CorrespondenceEvent.About;
import iok.correspondence.Letter;
import iok.correspondence.read.threads.ThreadProjection;
import iok.platform.axon.Metadata;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.messaging.MetaData;

/**
 * The demo's correspondence: a letter with a one-page PDF to the first resident, and a second resident's
 * report that a figure in the finance zone is wrong, answered by the administrator.
 */
final class DemoCorrespondence {

  private DemoCorrespondence() {}

  static void seed(Iok iok, MetaData meta, String cooperativeId, String adminId, List<String> residents) {
    String letter = UUID.randomUUID().toString();
    iok.commands().send(meta, new Letter.Send(letter, cooperativeId, residents.get(0),
        "Zawiadomienie o zmianie opłat",
        "Szanowni Państwo,\nod przyszłego miesiąca zmienia się stawka za wywóz odpadów. Szczegóły w załączniku.",
        List.of(new Letter.Upload(UUID.randomUUID().toString(), "zawiadomienie.pdf",
            pdf("Zawiadomienie o zmianie oplat za wywoz odpadow."))))).await();
    iok.reads().await(ThreadProjection.VERSION_QUERY, letter, 0).await();
    if (residents.size() < 2) return;
    String thread = UUID.randomUUID().toString();
    iok.commands().send(meta.and(Metadata.ACTOR_ID, residents.get(1)).and(Metadata.ACTOR_ROLE, "resident"),
        new Letter.Write(thread, cooperativeId, residents.get(1), "Błędne naliczenie",
            "W rozrachunkach widzę podwójne naliczenie za wodę.", new About("finance", null))).await();
    long sequence = iok.commands().<Long>send(meta, new Letter.Reply(thread, cooperativeId, adminId, "admin",
        "Dziękujemy, sprawdzimy naliczenie i odpiszemy.")).await();
    iok.reads().await(ThreadProjection.VERSION_QUERY, thread, sequence).await();
  }

  /** A valid one-page PDF 1.4 with one line of text, written by hand so the demo needs no PDF library. */
  static byte[] pdf(String line) {
    String text = "BT /F1 14 Tf 72 760 Td (" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj ET";
    List<String> objects = List.of(
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Length " + text.length() + " >>\nstream\n" + text + "\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Integer> offsets = new ArrayList<>();
    write(out, "%PDF-1.4\n");
    for (int i = 0; i < objects.size(); i++) {
      offsets.add(out.size());
      write(out, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n");
    }
    int xref = out.size();
    StringBuilder table = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
    for (int offset : offsets) table.append(String.format("%010d 00000 n \n", offset));
    table.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref)
        .append("\n%%EOF\n");
    write(out, table.toString());
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
  }
}
