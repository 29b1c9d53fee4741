package io.procbook.mp.internal;


/**
 * The copy of one notebook variable (a static field of a notebook wrapper class) as it stood in the parent:
 * its serialized value, or why it could not be copied, or neither when the child's code only assigns the
 * variable (its old value cannot matter there, so it is not copied and the child starts from the default).
 *
 * @param field the field's name (the notebook variable's name)
 * @param type  the field's declared type, for error messages
 * @param value the serialized value, or {@code null} when {@code error} is set or the value is not copied
 * @param error why the value could not be copied, or {@code null}
 */
public record StaticValue(String field, String type, byte[] value, String error) {

    /** @return the entry for a variable the child's code writes but never reads */
    static StaticValue notCopied(String field, String type) {
        return new StaticValue(field, type, null, null);
    }

    /** @return whether this entry carries no value on purpose (see {@link #notCopied}) */
    public boolean isNotCopied() {
        return value == null && error == null;
    }
}
