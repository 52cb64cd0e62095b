package io.licensesync.server.connect.control;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Configuration;
import java.net.HttpURLConnection;
import org.glassfish.jersey.client.HttpUrlConnectorProvider;
import org.glassfish.jersey.client.spi.Connector;
import org.glassfish.jersey.client.spi.ConnectorProvider;

/**
 * Jersey's own connector (Payara's REST client), whose connections are registered with the {@link
 * CallDeadline} of the call that opens them, so the deadline can close one that is stuck writing.
 * Named to Jersey by class name only ({@link CloudGateway#JERSEY_CONNECTOR_PROVIDER}); another REST
 * client implementation never loads it and its calls are ended by closing the client instead.
 */
public class DeadlineConnectorProvider implements ConnectorProvider {

  @Override
  public Connector getConnector(Client client, Configuration configuration) {
    return new HttpUrlConnectorProvider()
        .connectionFactory(
            url -> {
              HttpURLConnection connection = (HttpURLConnection) url.openConnection();
              CallDeadline.current()
                  .ifPresent(deadline -> deadline.onExpiry(connection::disconnect));
              return connection;
            })
        .getConnector(client, configuration);
  }
}
