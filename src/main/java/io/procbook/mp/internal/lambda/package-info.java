/**
 * How a task lambda travels to a child faster than in the JDK's serialized form: a {@code LambdaCopy} carries
 * the lambda's {@link java.lang.invoke.SerializedLambda} data, and the child rebuilds it as a
 * {@code RebuiltTask} (one subclass per task interface) that calls the lambda's implementation method through
 * a method handle, without spinning the lambda's class (0.5-1 ms saved per task in a pre-started child).
 *
 * <p>It implements {@code io.procbook.mp}'s task interfaces, and {@code Process} uses it, so it counts as one
 * with that package in {@code LayeringTest}'s cycle check; {@code mp.internal}'s {@code ParcelWriter} sees a
 * copy only as a {@link io.procbook.mp.internal.PortableLambda}. The reflection it needs goes through
 * {@link io.procbook.mp.internal.PrivateAccess}.
 */
package io.procbook.mp.internal.lambda;
