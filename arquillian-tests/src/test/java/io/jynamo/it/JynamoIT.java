package io.jynamo.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.File;
import java.net.URI;
import java.net.URL;

/**
 * Base of the integration tests: deploys the built EAR (ear/target/jynamo.ear) on the managed WildFly and gives each
 * test a DynamoDB client for it. Tests talk DynamoDB's protocol only, as a user's code would.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class JynamoIT {

    @Deployment(testable = false)
    public static EnterpriseArchive deployment() {
        return ShrinkWrap.create(ZipImporter.class, "jynamo.ear")
                .importFrom(new File(System.getProperty("jynamo.ear")))
                .as(EnterpriseArchive.class);
    }

    @ArquillianResource
    private URL deploymentUrl;

    protected DynamoDbClient ddb;
    protected URI endpoint;

    @BeforeEach
    void connect() throws Exception {
        if (ddb == null) {
            endpoint = new URI(deploymentUrl.getProtocol(), null, deploymentUrl.getHost(), deploymentUrl.getPort(),
                    "/", null, null);
            ddb = Clients.dynamoDb(endpoint);
        }
    }
}
