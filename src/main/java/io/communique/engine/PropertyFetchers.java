package io.communique.engine;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.LightDataFetcher;
import io.smallrye.graphql.execution.datafetcher.PlugableDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.FieldHelper;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.ClassloadingService;
import io.smallrye.graphql.spi.DataFetcherService;
import io.smallrye.graphql.transformation.AbstractDataFetcherException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Reads plain output fields (getters and public fields of the output types) the way SmallRye's own
 * {@code FieldDataFetcher} does, less one step: SmallRye 2.17 fills its request {@code Context}
 * for every field it fetches, which computes the field's whole selection set and renders it as
 * JSON twice, even for a scalar getter. That was about a tenth of the server's CPU on the
 * canonical traversal (bench/README.md). No getter here reads that {@code Context}; the resolvers
 * that can ({@code @Query}, {@code @Source}) still get it from SmallRye's own fetchers.
 *
 * <p>Output values are still transformed and adapted by SmallRye's {@link FieldHelper}, so
 * formats, ids and adapters behave as before. The fetchers are graphql-java
 * {@link LightDataFetcher}s: graphql-java then hands them the source object and builds the
 * field's {@link DataFetchingEnvironment} only when asked, which only a field wrapped in a list
 * or map needs (SmallRye reads the arguments of a map field while adapting it); for the scalars
 * and objects that make up most of a response, nothing is built. SmallRye finds this class with
 * {@link java.util.ServiceLoader} (META-INF/services) and asks it first for every plain field.
 */
public class PropertyFetchers implements DataFetcherService {

    @Override
    public Integer getPriority() {
        return 0;
    }

    @Override
    public PlugableDataFetcher<Object> getFieldDataFetcher(Field field, Type type, Reference owner) {
        return new PropertyFetcher(field, owner);
    }

    static final class PropertyFetcher implements PlugableDataFetcher<Object>, LightDataFetcher<Object> {

        private static final Logger LOG = Logger.getLogger(PropertyFetchers.class);

        private final Field field;
        private final Reference owner;
        private final FieldHelper helper;
        // SmallRye's helper reads the environment only for a wrapped value (a map's arguments).
        private final boolean needsEnvironment;
        // Resolved on first use: at bootstrap the application's classes may not be loadable yet.
        private volatile Accessor accessor;

        PropertyFetcher(Field field, Reference owner) {
            this.field = field;
            this.owner = owner;
            this.helper = new FieldHelper(field);
            this.needsEnvironment = field.hasWrapper();
        }

        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            return get(null, environment.getSource(), () -> environment);
        }

        @Override
        public Object get(GraphQLFieldDefinition definition, Object source, Supplier<DataFetchingEnvironment> environment)
                throws Exception {
            Accessor read = accessor;
            if (read == null) {
                read = accessor = accessor();
            }
            Object value = read.get(source);
            try {
                return helper.transformOrAdaptResponse(value, needsEnvironment ? environment.get() : null);
            } catch (AbstractDataFetcherException notTransformed) {
                // What SmallRye's fetcher does too: the untransformed value, and a log line.
                LOG.warnf(notTransformed, "Could not transform %s.%s", owner.getName(), field.getName());
                return value;
            }
        }

        private Accessor accessor() throws ReflectiveOperationException {
            Class<?> type = ClassloadingService.get().loadClass(owner.getClassName());
            if (field.getMethodName() == null) {
                java.lang.reflect.Field property = type.getField(field.getPropertyName());
                property.trySetAccessible();
                return property::get;
            }
            Method getter = type.getMethod(field.getMethodName());
            // Public members only (getField, getMethod), so this grants nothing new; it spares every
            // call the access check, which on the canonical traversal kept taking its slow path:
            // about 1 % of the server's CPU (async-profiler, 2026-12-06).
            getter.trySetAccessible();
            return source -> {
                try {
                    return getter.invoke(source);
                } catch (InvocationTargetException thrown) {
                    // The getter's own exception, so the error mapping sees what was thrown.
                    Throwable cause = thrown.getCause();
                    if (cause instanceof Exception exception) {
                        throw exception;
                    }
                    throw (Error) cause;
                }
            };
        }
    }

    @FunctionalInterface
    interface Accessor {
        Object get(Object source) throws Exception;
    }
}
