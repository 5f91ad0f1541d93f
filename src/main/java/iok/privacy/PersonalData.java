package iok.privacy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A value of a person's that IOK stores only sealed under that person's own key (R18, P V.3): names,
 * contact data, free text. The person is the event's {@link DataSubject}. Once the person is erased the
 * key is gone and the value reads as {@link #ERASED}, or as null when {@link #contact()} (a contact that
 * nothing may try to use).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface PersonalData {

  /** What an erased person's text reads as, everywhere: read models, timelines, exports, pushes. */
  String ERASED = "[usunięto]";

  /** Contact data read as null once erased, not as {@link #ERASED}. */
  boolean contact() default false;
}
