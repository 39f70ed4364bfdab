package io.jynamo.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.BeanTableSchemaParams;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;
import software.amazon.awssdk.enhanced.dynamodb.model.CreateTableEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.EnhancedGlobalSecondaryIndex;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.lang.invoke.MethodHandles;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.jynamo.it.DynamoAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A single-table design written as a user writes it with the SDK's enhanced client: customers, their orders and the
 * orders' items in one table keyed by PK and SK, with the overloaded global index GSI1 (orders by status and date).
 * Covers the table's creation with the index, puts, gets, sort-key prefix and range queries, index queries, paging,
 * conditional puts, and updates and deletes that move orders in and out of the index.
 */
class SingleTableDesignIT extends JynamoIT {
    private static final String GSI1 = "GSI1";

    private String tableName;
    private DynamoDbTable<Customer> customers;
    private DynamoDbTable<Order> orders;
    private DynamoDbTable<OrderItem> orderItems;

    @BeforeEach
    void table() {
        if (tableName != null) {
            return;
        }
        tableName = Tables.uniqueName("AppData");
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(ddb).build();
        customers = enhanced.table(tableName, schema(Customer.class));
        orders = enhanced.table(tableName, schema(Order.class));
        orderItems = enhanced.table(tableName, schema(OrderItem.class));
        // the Order schema knows every key of the table, GSI1's included
        orders.createTable(CreateTableEnhancedRequest.builder()
                .globalSecondaryIndices(EnhancedGlobalSecondaryIndex.builder().indexName(GSI1)
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build())
                .build());
        Tables.awaitActive(ddb, tableName);

        customers.putItem(customer("c1", "Ann Example", "ann@example.com"));
        customers.putItem(customer("c2", "Ben Example", "ben@example.com"));
        orders.putItem(order("c1", "o1", "2026-01-05", "PLACED", "30.50"));
        orders.putItem(order("c1", "o2", "2026-02-10", "SHIPPED", "12"));
        orders.putItem(order("c1", "o3", "2026-03-15", "PLACED", "99.99"));
        orders.putItem(order("c2", "o4", "2026-01-20", "PLACED", "5"));
        orders.putItem(order("c2", "o5", "2026-02-01", "DELIVERED", "42"));
        orderItems.putItem(orderItem("o1", 1, "book", 1, "10.50"));
        orderItems.putItem(orderItem("o1", 2, "pen", 2, "5.00"));
        orderItems.putItem(orderItem("o1", 3, "pad", 1, "10"));
    }

    private static <T> TableSchema<T> schema(Class<T> type) {
        // the beans are nested in this test class: the mapper reaches them through this class's lookup
        return TableSchema.fromBean(BeanTableSchemaParams.builder(type).lookup(MethodHandles.lookup()).build());
    }

    private static Customer customer(String id, String name, String email) {
        Customer c = new Customer();
        c.setPk("CUSTOMER#" + id);
        c.setSk("PROFILE");
        c.setType("Customer");
        c.setCustomerId(id);
        c.setName(name);
        c.setEmail(email);
        return c;
    }

    private static Order order(String customerId, String orderId, String date, String status, String total) {
        Order o = new Order();
        o.setPk("CUSTOMER#" + customerId);
        o.setSk("ORDER#" + date + "#" + orderId);
        o.setGsi1pk("ORDER#" + status);
        o.setGsi1sk(date);
        o.setType("Order");
        o.setOrderId(orderId);
        o.setCustomerId(customerId);
        o.setStatus(status);
        o.setOrderDate(date);
        o.setTotal(new BigDecimal(total));
        return o;
    }

    private static OrderItem orderItem(String orderId, int n, String product, int quantity, String price) {
        OrderItem i = new OrderItem();
        i.setPk("ORDER#" + orderId);
        i.setSk("ITEM#" + n);
        i.setType("OrderItem");
        i.setOrderId(orderId);
        i.setProduct(product);
        i.setQuantity(quantity);
        i.setPrice(new BigDecimal(price));
        return i;
    }

    private static Key customerKey(String customerId) {
        return Key.builder().partitionValue("CUSTOMER#" + customerId).sortValue("PROFILE").build();
    }

    private static Key orderKey(String customerId, String date, String orderId) {
        return Key.builder().partitionValue("CUSTOMER#" + customerId).sortValue("ORDER#" + date + "#" + orderId)
                .build();
    }

    /** The ids of the orders with the status, through GSI1, in order date order. */
    private List<String> orderIdsWithStatus(String status) {
        return orders.index(GSI1).query(QueryConditional.keyEqualTo(k -> k.partitionValue("ORDER#" + status)))
                .stream().flatMap(page -> page.items().stream()).map(Order::getOrderId).collect(Collectors.toList());
    }

    /** The ids of a customer's orders, by the sort-key prefix ORDER#, in order date order. */
    private List<String> orderIdsOfCustomer(String customerId) {
        return orders.query(QueryConditional.sortBeginsWith(k -> k.partitionValue("CUSTOMER#" + customerId)
                        .sortValue("ORDER#")))
                .items().stream().map(Order::getOrderId).collect(Collectors.toList());
    }

    @Test
    void theTableIsCreatedWithItsKeysAndTheGlobalIndex() {
        TableDescription t = ddb.describeTable(b -> b.tableName(tableName)).table();
        assertThat(t.keySchema()).containsExactly(
                KeySchemaElement.builder().attributeName("PK").keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName("SK").keyType(KeyType.RANGE).build());
        assertThat(t.attributeDefinitions()).containsExactlyInAnyOrder(
                AttributeDefinition.builder().attributeName("PK").attributeType(ScalarAttributeType.S).build(),
                AttributeDefinition.builder().attributeName("SK").attributeType(ScalarAttributeType.S).build(),
                AttributeDefinition.builder().attributeName("GSI1PK").attributeType(ScalarAttributeType.S).build(),
                AttributeDefinition.builder().attributeName("GSI1SK").attributeType(ScalarAttributeType.S).build());
        assertThat(t.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(t.globalSecondaryIndexes()).hasSize(1);
        GlobalSecondaryIndexDescription gsi = t.globalSecondaryIndexes().get(0);
        assertThat(gsi.indexName()).isEqualTo(GSI1);
        assertThat(gsi.keySchema()).containsExactly(
                KeySchemaElement.builder().attributeName("GSI1PK").keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName("GSI1SK").keyType(KeyType.RANGE).build());
        assertThat(gsi.projection().projectionType()).isEqualTo(ProjectionType.ALL);
    }

    @Test
    void aCustomerIsReadByItsKeyUnderTheMappedAttributeNames() {
        Customer ann = customers.getItem(customerKey("c1"));
        assertThat(ann.getName()).isEqualTo("Ann Example");
        assertThat(ann.getEmail()).isEqualTo("ann@example.com");
        assertThat(ann.getCustomerId()).isEqualTo("c1");
        assertThat(customers.getItem(customerKey("c9"))).isNull();

        Map<String, AttributeValue> raw = ddb.getItem(b -> b.tableName(tableName).key(Map.of(
                "PK", AttributeValue.fromS("CUSTOMER#c1"), "SK", AttributeValue.fromS("PROFILE")))).item();
        assertThat(raw).containsOnlyKeys("PK", "SK", "Type", "CustomerId", "Name", "Email");
        assertThat(raw.get("Type")).isEqualTo(AttributeValue.fromS("Customer"));
    }

    @Test
    void aCustomersOrdersAreQueriedBySortKeyPrefixAndRange() {
        assertThat(orderIdsOfCustomer("c1")).containsExactly("o1", "o2", "o3");
        assertThat(orderIdsOfCustomer("c2")).containsExactly("o4", "o5");

        List<Order> newestFirst = orders.query(r -> r.scanIndexForward(false)
                        .queryConditional(QueryConditional.sortBeginsWith(k -> k.partitionValue("CUSTOMER#c1")
                                .sortValue("ORDER#"))))
                .items().stream().collect(Collectors.toList());
        assertThat(newestFirst).extracting(Order::getOrderId).containsExactly("o3", "o2", "o1");
        assertThat(newestFirst.get(0).getTotal()).isEqualByComparingTo("99.99");
        assertThat(newestFirst.get(0).getStatus()).isEqualTo("PLACED");

        List<String> fromFebruary = orders.query(QueryConditional.sortBetween(
                        k -> k.partitionValue("CUSTOMER#c1").sortValue("ORDER#2026-02-01"),
                        k -> k.partitionValue("CUSTOMER#c1").sortValue("ORDER#2026-03-31")))
                .items().stream().map(Order::getOrderId).collect(Collectors.toList());
        assertThat(fromFebruary).containsExactly("o2", "o3");

        // the customer's item collection holds the profile after the orders ("ORDER#…" < "PROFILE")
        List<String> types = ddb.query(b -> b.tableName(tableName).keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("CUSTOMER#c1")))).items()
                .stream().map(i -> i.get("Type").s()).collect(Collectors.toList());
        assertThat(types).containsExactly("Order", "Order", "Order", "Customer");
    }

    @Test
    void ordersAreQueriedByStatusAcrossCustomersThroughTheGlobalIndex() {
        assertThat(orderIdsWithStatus("PLACED")).containsExactly("o1", "o4", "o3");
        assertThat(orderIdsWithStatus("SHIPPED")).containsExactly("o2");
        assertThat(orderIdsWithStatus("LOST")).isEmpty();

        List<String> placedInJanuary = orders.index(GSI1).query(QueryConditional.sortBetween(
                        k -> k.partitionValue("ORDER#PLACED").sortValue("2026-01-01"),
                        k -> k.partitionValue("ORDER#PLACED").sortValue("2026-01-31")))
                .stream().flatMap(page -> page.items().stream()).map(Order::getOrderId)
                .collect(Collectors.toList());
        assertThat(placedInJanuary).containsExactly("o1", "o4");

        List<Order> placedSince = orders.index(GSI1).query(QueryConditional.sortGreaterThanOrEqualTo(
                        k -> k.partitionValue("ORDER#PLACED").sortValue("2026-02-01")))
                .stream().flatMap(page -> page.items().stream()).collect(Collectors.toList());
        assertThat(placedSince).extracting(Order::getOrderId).containsExactly("o3");
        assertThat(placedSince.get(0).getCustomerId()).as("the index projects every attribute").isEqualTo("c1");

        // customers and order items have no GSI1 keys: the index holds the orders only
        List<Order> indexed = orders.index(GSI1).scan().stream().flatMap(page -> page.items().stream())
                .collect(Collectors.toList());
        assertThat(indexed).extracting(Order::getOrderId).containsExactlyInAnyOrder("o1", "o2", "o3", "o4", "o5");
    }

    @Test
    void resultsArePagedWithLimit() {
        List<Page<Order>> pages = orders.index(GSI1).query(r -> r.limit(1)
                        .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue("ORDER#PLACED"))))
                .stream().collect(Collectors.toList());
        assertThat(pages.size()).isGreaterThanOrEqualTo(3);
        assertThat(pages).allSatisfy(page -> assertThat(page.items().size()).isLessThanOrEqualTo(1));
        assertThat(pages.get(0).lastEvaluatedKey()).as("table key and index key")
                .containsOnlyKeys("PK", "SK", "GSI1PK", "GSI1SK");
        assertThat(pages.stream().flatMap(page -> page.items().stream()).map(Order::getOrderId))
                .containsExactly("o1", "o4", "o3");

        List<Page<OrderItem>> itemPages = orderItems.query(r -> r.limit(2)
                        .queryConditional(QueryConditional.sortBeginsWith(k -> k.partitionValue("ORDER#o1")
                                .sortValue("ITEM#"))))
                .stream().collect(Collectors.toList());
        assertThat(itemPages.get(0).items()).hasSize(2);
        assertThat(itemPages.get(0).lastEvaluatedKey()).containsOnlyKeys("PK", "SK");
        assertThat(itemPages.stream().flatMap(page -> page.items().stream()).map(OrderItem::getProduct))
                .containsExactly("book", "pen", "pad");
    }

    @Test
    void anOrdersItemsLiveInTheOrdersOwnPartition() {
        List<OrderItem> items = orderItems.query(QueryConditional.sortBeginsWith(
                        k -> k.partitionValue("ORDER#o1").sortValue("ITEM#")))
                .items().stream().collect(Collectors.toList());
        assertThat(items).extracting(OrderItem::getSk).containsExactly("ITEM#1", "ITEM#2", "ITEM#3");
        BigDecimal sum = items.stream().map(i -> i.getPrice().multiply(BigDecimal.valueOf(i.getQuantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum).isEqualByComparingTo(orders.getItem(orderKey("c1", "2026-01-05", "o1")).getTotal());
        assertThat(orderItems.query(QueryConditional.keyEqualTo(k -> k.partitionValue("ORDER#o2")))
                .items().stream().count()).isZero();
    }

    @Test
    void updatingAnOrdersStatusMovesItInTheGlobalIndex() {
        orders.putItem(order("c2", "o6", "2026-04-01", "PENDING", "18"));
        assertThat(orderIdsWithStatus("PENDING")).containsExactly("o6");

        Order o6 = orders.getItem(orderKey("c2", "2026-04-01", "o6"));
        o6.setStatus("CANCELLED");
        o6.setGsi1pk("ORDER#CANCELLED");
        Order updated = orders.updateItem(o6);
        assertThat(updated.getStatus()).isEqualTo("CANCELLED");
        assertThat(updated.getTotal()).isEqualByComparingTo("18");

        assertThat(orderIdsWithStatus("PENDING")).isEmpty();
        assertThat(orderIdsWithStatus("CANCELLED")).containsExactly("o6");
        assertThat(orders.getItem(orderKey("c2", "2026-04-01", "o6")).getStatus()).isEqualTo("CANCELLED");
        assertThat(orderIdsOfCustomer("c2")).containsExactly("o4", "o5", "o6");
    }

    @Test
    void deletingAnOrderRemovesItFromTheTableAndTheGlobalIndex() {
        customers.putItem(customer("c3", "Cid Example", "cid@example.com"));
        orders.putItem(order("c3", "o7", "2026-05-01", "RETURNED", "7"));
        assertThat(orderIdsWithStatus("RETURNED")).containsExactly("o7");

        Order deleted = orders.deleteItem(orderKey("c3", "2026-05-01", "o7"));
        assertThat(deleted.getOrderId()).isEqualTo("o7");

        assertThat(orders.getItem(orderKey("c3", "2026-05-01", "o7"))).isNull();
        assertThat(orderIdsWithStatus("RETURNED")).isEmpty();
        assertThat(orderIdsOfCustomer("c3")).isEmpty();
        assertThat(customers.getItem(customerKey("c3"))).as("the rest of the collection stays").isNotNull();
    }

    @Test
    void aConditionalPutKeepsAnExistingCustomer() {
        Customer impostor = customer("c1", "Impostor", "nobody@example.com");
        Expression absent = Expression.builder().expression("attribute_not_exists(PK)").build();
        assertError(() -> customers.putItem(r -> r.item(impostor).conditionExpression(absent)),
                "ConditionalCheckFailedException", "The conditional request failed");
        assertThat(customers.getItem(customerKey("c1")).getName()).isEqualTo("Ann Example");

        customers.putItem(r -> r.item(customer("c4", "Dee Example", "dee@example.com")).conditionExpression(absent));
        assertThat(customers.getItem(customerKey("c4")).getName()).isEqualTo("Dee Example");
    }

    /** What every item of the table has: its keys and the entity type it holds. */
    public abstract static class Entity {
        private String pk;
        private String sk;
        private String type;

        @DynamoDbPartitionKey
        @DynamoDbAttribute("PK")
        public String getPk() {
            return pk;
        }

        public void setPk(String pk) {
            this.pk = pk;
        }

        @DynamoDbSortKey
        @DynamoDbAttribute("SK")
        public String getSk() {
            return sk;
        }

        public void setSk(String sk) {
            this.sk = sk;
        }

        @DynamoDbAttribute("Type")
        public String getType() {
            return type;
        }

        public void setType(String type) {
            this.type = type;
        }
    }

    /** A customer's profile: PK = CUSTOMER#id, SK = PROFILE. */
    @DynamoDbBean
    public static class Customer extends Entity {
        private String customerId;
        private String name;
        private String email;

        public Customer() {
        }

        @DynamoDbAttribute("CustomerId")
        public String getCustomerId() {
            return customerId;
        }

        public void setCustomerId(String customerId) {
            this.customerId = customerId;
        }

        @DynamoDbAttribute("Name")
        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        @DynamoDbAttribute("Email")
        public String getEmail() {
            return email;
        }

        public void setEmail(String email) {
            this.email = email;
        }
    }

    /** An order: PK = CUSTOMER#id, SK = ORDER#date#id; in GSI1 as GSI1PK = ORDER#status, GSI1SK = date. */
    @DynamoDbBean
    public static class Order extends Entity {
        private String gsi1pk;
        private String gsi1sk;
        private String orderId;
        private String customerId;
        private String status;
        private String orderDate;
        private BigDecimal total;

        public Order() {
        }

        @DynamoDbSecondaryPartitionKey(indexNames = GSI1)
        @DynamoDbAttribute("GSI1PK")
        public String getGsi1pk() {
            return gsi1pk;
        }

        public void setGsi1pk(String gsi1pk) {
            this.gsi1pk = gsi1pk;
        }

        @DynamoDbSecondarySortKey(indexNames = GSI1)
        @DynamoDbAttribute("GSI1SK")
        public String getGsi1sk() {
            return gsi1sk;
        }

        public void setGsi1sk(String gsi1sk) {
            this.gsi1sk = gsi1sk;
        }

        @DynamoDbAttribute("OrderId")
        public String getOrderId() {
            return orderId;
        }

        public void setOrderId(String orderId) {
            this.orderId = orderId;
        }

        @DynamoDbAttribute("CustomerId")
        public String getCustomerId() {
            return customerId;
        }

        public void setCustomerId(String customerId) {
            this.customerId = customerId;
        }

        @DynamoDbAttribute("Status")
        public String getStatus() {
            return status;
        }

        public void setStatus(String status) {
            this.status = status;
        }

        @DynamoDbAttribute("OrderDate")
        public String getOrderDate() {
            return orderDate;
        }

        public void setOrderDate(String orderDate) {
            this.orderDate = orderDate;
        }

        @DynamoDbAttribute("Total")
        public BigDecimal getTotal() {
            return total;
        }

        public void setTotal(BigDecimal total) {
            this.total = total;
        }
    }

    /** A line of an order: PK = ORDER#id, SK = ITEM#n. */
    @DynamoDbBean
    public static class OrderItem extends Entity {
        private String orderId;
        private String product;
        private Integer quantity;
        private BigDecimal price;

        public OrderItem() {
        }

        @DynamoDbAttribute("OrderId")
        public String getOrderId() {
            return orderId;
        }

        public void setOrderId(String orderId) {
            this.orderId = orderId;
        }

        @DynamoDbAttribute("Product")
        public String getProduct() {
            return product;
        }

        public void setProduct(String product) {
            this.product = product;
        }

        @DynamoDbAttribute("Quantity")
        public Integer getQuantity() {
            return quantity;
        }

        public void setQuantity(Integer quantity) {
            this.quantity = quantity;
        }

        @DynamoDbAttribute("Price")
        public BigDecimal getPrice() {
            return price;
        }

        public void setPrice(BigDecimal price) {
            this.price = price;
        }
    }
}
