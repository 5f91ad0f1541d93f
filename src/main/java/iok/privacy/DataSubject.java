package iok.privacy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The account id of the person whose key seals the {@link PersonalData} of the same event (or of the same
 * aggregate snapshot, and of the records nested in it). It is itself stored in clear: an id, not a name.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface DataSubject {}
