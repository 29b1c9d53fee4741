package io.procbook.mp.internal;

import java.io.Serializable;

/**
 * The copy of one notebook variable (a static field of a notebook wrapper class) as it stood in the parent:
 * either its serialized value or why it could not be copied.
 *
 * @param field the field's name (the notebook variable's name)
 * @param type  the field's declared type, for error messages
 * @param value the serialized value, or {@code null} when {@code error} is set
 * @param error why the value could not be copied, or {@code null}
 */
public record StaticValue(String field, String type, byte[] value, String error) implements Serializable { }
