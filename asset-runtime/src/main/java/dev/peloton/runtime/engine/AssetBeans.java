package dev.peloton.runtime.engine;

import dev.peloton.core.Asset;
import dev.peloton.core.AssetCheck;
import dev.peloton.core.Mapping;
import dev.peloton.core.MultiAsset;
import dev.peloton.core.Partitions;
import java.lang.annotation.Annotation;
import java.lang.reflect.AccessibleObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/** Finds the beans that declare assets, checks, partitions or mappings, without creating unrelated beans. */
final class AssetBeans {

    private static final Set<Class<? extends Annotation>> MARKERS = Set.of(Asset.class, MultiAsset.class,
            AssetCheck.class, Partitions.class, Mapping.class);

    private AssetBeans() {
    }

    /** The instances to scan, in bean definition order; JDK proxies are unwrapped to their target. */
    static List<Object> find(ListableBeanFactory beans) {
        List<Object> found = new ArrayList<>();
        for (String name : beans.getBeanDefinitionNames()) {
            Class<?> type = beans.getType(name, false);
            if (type == null || !declaresAssets(ClassUtils.getUserClass(type))) {
                continue;
            }
            Object bean = beans.getBean(name);
            if (AopUtils.isJdkDynamicProxy(bean)) {
                // The interface methods of a JDK proxy carry no annotations: scan the object behind it.
                Object target = AopProxyUtils.getSingletonTarget(bean);
                if (target == null) {
                    throw new IllegalStateException("Bean '" + name + "' declares assets but is a JDK proxy"
                            + " without a fixed target; proxy its class instead (proxyTargetClass = true)");
                }
                bean = target;
            }
            found.add(bean);
        }
        return found;
    }

    static boolean declaresAssets(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.getName().startsWith("java.") || c.getName().startsWith("org.springframework.")) {
                return false;
            }
            try {
                if (marked(c.getDeclaredMethods()) || marked(c.getDeclaredFields())) {
                    return true;
                }
            } catch (NoClassDefFoundError | SecurityException e) {
                // A class whose members cannot be read declares nothing we could run.
                return false;
            }
        }
        return false;
    }

    private static boolean marked(AccessibleObject[] members) {
        for (AccessibleObject m : members) {
            for (Class<? extends Annotation> a : MARKERS) {
                if (m.isAnnotationPresent(a)) {
                    return true;
                }
            }
        }
        return false;
    }
}
