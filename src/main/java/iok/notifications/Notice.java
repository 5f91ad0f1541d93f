package iok.notifications;

/** One thing a resident is told, in words: the kind they chose it by, a subject and a plain text. */
public record Notice(String kind, String subject, String text) {

  /** The short form an SMS carries: the subject alone, within one Polish (UCS-2) message of 70 characters where it can. */
  public String sms() {
    return subject.length() <= 160 ? subject : subject.substring(0, 157) + "...";
  }
}
