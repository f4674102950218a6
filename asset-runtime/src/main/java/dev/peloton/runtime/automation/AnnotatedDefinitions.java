package dev.peloton.runtime.automation;

import dev.peloton.core.engine.plan.PartitionSelection;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/** Finds {@link Schedule} and {@link Sensor} methods on the beans of a context. */
final class AnnotatedDefinitions {

    final List<ScheduleDefinition> schedules = new ArrayList<>();
    final List<SensorDefinition> sensors = new ArrayList<>();

    static AnnotatedDefinitions scan(ConfigurableListableBeanFactory beans) {
        AnnotatedDefinitions found = new AnnotatedDefinitions();
        for (String beanName : beans.getBeanDefinitionNames()) {
            if (beans.getBeanDefinition(beanName).isAbstract()) {
                continue;
            }
            Class<?> type = beans.getType(beanName, false);
            if (type == null) {
                continue;
            }
            Class<?> userType = ClassUtils.getUserClass(type);
            List<Method> annotated = new ArrayList<>();
            ReflectionUtils.doWithMethods(userType, annotated::add,
                    m -> m.isAnnotationPresent(Schedule.class) || m.isAnnotationPresent(Sensor.class));
            if (annotated.isEmpty()) {
                continue;
            }
            Object bean = beans.getBean(beanName);
            for (Method method : annotated) {
                ReflectionUtils.makeAccessible(method);
                if (method.isAnnotationPresent(Schedule.class)) {
                    found.schedules.add(schedule(bean, method, method.getAnnotation(Schedule.class)));
                } else {
                    found.sensors.add(sensor(bean, method, method.getAnnotation(Sensor.class)));
                }
            }
        }
        return found;
    }

    private static String where(Method m) {
        return m.getDeclaringClass().getName() + "." + m.getName();
    }

    private static ScheduleDefinition schedule(Object bean, Method method, Schedule a) {
        String name = a.name().isEmpty() ? method.getName() : a.name();
        Class<?>[] params = method.getParameterTypes();
        Class<?> ret = method.getReturnType();
        if (params.length != 1 || params[0] != ScheduleTick.class
                || !(ret == TickDecision.class || ret == PartitionSelection.class)) {
            throw new InvalidAutomationException("@Schedule method " + where(method) + " (schedule '" + name
                    + "') must take a ScheduleTick and return a TickDecision or a PartitionSelection");
        }
        TickPartitionFunction function = tick -> {
            Object result = invoke(bean, method, tick);
            return result instanceof PartitionSelection p ? TickDecision.run(p) : (TickDecision) result;
        };
        try {
            return ScheduleDefinition.builder(name).cron(a.cron()).zone(a.zone()).selection(a.selection())
                    .missedTicks(a.missedTicks()).defaultOn(a.defaultOn()).partitions(function).build();
        } catch (InvalidAutomationException e) {
            throw new InvalidAutomationException(e.getMessage() + " (declared by " + where(method) + ")", e);
        }
    }

    private static SensorDefinition sensor(Object bean, Method method, Sensor a) {
        String name = a.name().isEmpty() ? method.getName() : a.name();
        Class<?>[] params = method.getParameterTypes();
        if (params.length != 1 || params[0] != SensorContext.class || method.getReturnType() != SensorResult.class) {
            throw new InvalidAutomationException("@Sensor method " + where(method) + " (sensor '" + name
                    + "') must take a SensorContext and return a SensorResult");
        }
        try {
            return new SensorDefinition(name, a.intervalSeconds(), a.defaultOn(),
                    context -> (SensorResult) invoke(bean, method, context));
        } catch (InvalidAutomationException e) {
            throw new InvalidAutomationException(e.getMessage() + " (declared by " + where(method) + ")", e);
        }
    }

    private static Object invoke(Object bean, Method method, Object argument) {
        try {
            return method.invoke(bean, argument);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(where(method) + " failed", cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot call " + where(method), e);
        }
    }
}
