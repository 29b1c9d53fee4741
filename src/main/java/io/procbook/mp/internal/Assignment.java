package io.procbook.mp.internal;

import java.util.List;

/**
 * What a (possibly pre-started) child is told to do: extend its class path by the entries added since it was
 * launched, then run the {@link ChildEntry} inside the parcel.
 *
 * @param name      the child's name (for the header of an uncaught exception's stack trace)
 * @param classpath every extra class path entry the parent has now
 * @param entry     a parcel whose object is a {@link ChildEntry}
 */
public record Assignment(String name, List<String> classpath, Parcel entry) { }
