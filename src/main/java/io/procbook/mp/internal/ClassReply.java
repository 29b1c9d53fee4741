package io.procbook.mp.internal;

import java.io.Serializable;
import java.util.List;

/**
 * The parent's answer to a child asking for a class it has no bytes for.
 *
 * @param name    the binary name asked for
 * @param bytes   the class file, or {@code null} if the parent does not define such a class
 * @param statics the values of its variables now (empty if none)
 */
public record ClassReply(String name, byte[] bytes, List<StaticValue> statics) implements Serializable { }
