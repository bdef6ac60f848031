package io.lethe.infra.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code KafkaCompanion} field of a Quarkus test that {@link LetheInfraTestResource} fills
 * with a client of the real in-process broker. (Quarkus' own annotation lives in a module that
 * starts a container, which needs Docker.)
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectKafkaCompanion {}
