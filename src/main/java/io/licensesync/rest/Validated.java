package io.licensesync.rest;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.Annotation;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Bean Validation of what a request hands a use case (a request record, an entity about to be
 * written), answered as GitHub does: 422 "Validation Failed" with one {@code errors} entry per
 * field at fault, naming it, {@code missing_field} when it is absent and {@code invalid} otherwise.
 */
public final class Validated {

  private static final class Holder {
    static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
  }

  private Validated() {}

  /**
   * {@code bean} when every constraint holds, else an {@link ApiException} (422) naming each field.
   */
  public static <T> T check(String resource, T bean) {
    List<ErrorBody.ErrorDetail> errors = errors(resource, validator().validate(bean));
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    return bean;
  }

  /**
   * The {@code errors} entries of a set of violations, in a stable order (by field); a null {@code
   * resource} names the validated class.
   */
  public static List<ErrorBody.ErrorDetail> errors(
      String resource, Set<? extends ConstraintViolation<?>> violations) {
    return violations.stream()
        .map(violation -> detail(resource, violation))
        .sorted(Comparator.comparing(ErrorBody.ErrorDetail::field))
        .toList();
  }

  private static ErrorBody.ErrorDetail detail(String resource, ConstraintViolation<?> violation) {
    String field = field(violation);
    Annotation constraint = violation.getConstraintDescriptor().getAnnotation();
    boolean missing =
        constraint instanceof NotNull
            || constraint instanceof NotBlank
            || constraint instanceof NotEmpty;
    String message = missing ? field + " is missing" : field + " " + violation.getMessage();
    String named = resource != null ? resource : violation.getRootBeanClass().getSimpleName();
    return new ErrorBody.ErrorDetail(named, field, missing ? "missing_field" : "invalid", message);
  }

  /**
   * The JSON name of the property at fault: {@code verifiedDomains} is {@code verified_domains}.
   */
  private static String field(ConstraintViolation<?> violation) {
    String path = violation.getPropertyPath().toString();
    StringBuilder snake = new StringBuilder(path.length() + 8);
    for (char c : path.toCharArray()) {
      if (Character.isUpperCase(c)) {
        snake.append('_').append(Character.toLowerCase(c));
      } else {
        snake.append(c);
      }
    }
    return snake.toString();
  }

  private static Validator validator() {
    return Holder.FACTORY.getValidator();
  }
}
