package io.licensesync.database;

import java.util.Map;
import org.hibernate.engine.transaction.jta.platform.internal.NoJtaPlatform;
import org.hibernate.engine.transaction.jta.platform.internal.StandardJtaPlatformResolver;
import org.hibernate.engine.transaction.jta.platform.internal.SunOneJtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatformResolver;
import org.hibernate.service.spi.ServiceRegistryImplementor;

/**
 * Lets the bundled Hibernate find the transaction manager on Payara as well as on WildFly.
 * Hibernate recognises WildFly by itself but not Payara, and naming the Payara platform in
 * persistence.xml would break WildFly; so when the standard resolution finds nothing and the
 * GlassFish transaction manager class is visible, this picks the SunOne platform.
 */
public class ServerAwareJtaPlatformResolver implements JtaPlatformResolver {

  private static final String GLASSFISH_TRANSACTION_MANAGER =
      "com.sun.enterprise.transaction.api.JavaEETransactionManager";

  @Override
  public JtaPlatform resolveJtaPlatform(
      @SuppressWarnings("rawtypes") Map configurationValues, ServiceRegistryImplementor registry) {
    JtaPlatform standard =
        StandardJtaPlatformResolver.INSTANCE.resolveJtaPlatform(configurationValues, registry);
    if (!(standard instanceof NoJtaPlatform) || !onGlassFish()) {
      return standard;
    }
    return new SunOneJtaPlatform();
  }

  private static boolean onGlassFish() {
    try {
      Class.forName(
          GLASSFISH_TRANSACTION_MANAGER, false, Thread.currentThread().getContextClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
