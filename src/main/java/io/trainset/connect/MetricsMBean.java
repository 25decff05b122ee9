package io.trainset.connect;

import io.trainset.connect.metrics.Series;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.ReflectionException;

/** One JMX MBean of {@link JmxMetrics}: series with the same tags, each a read-only {@code Double} attribute. */
final class MetricsMBean implements DynamicMBean {

    private final Map<String, Series> byName = new LinkedHashMap<>();
    private final MBeanInfo info;

    /** @param description names the owner, so that only it unregisters the MBean */
    MetricsMBean(List<Series> series, String description) {
        series.forEach(s -> byName.put(s.metric().metricName(), s));
        MBeanAttributeInfo[] attributes = series.stream()
                .map(s -> new MBeanAttributeInfo(
                        s.metric().metricName(),
                        Double.class.getName(),
                        s.metric().description(),
                        true,
                        false,
                        false))
                .toArray(MBeanAttributeInfo[]::new);
        info = new MBeanInfo(
                MetricsMBean.class.getName(), description, attributes, null, new MBeanOperationInfo[0], null);
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException {
        Series series = byName.get(attribute);
        if (series == null) {
            throw new AttributeNotFoundException("No Trainset metric " + attribute + " here; see docs/metrics.md");
        }
        return series.read();
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        AttributeList list = new AttributeList();
        for (String name : attributes) {
            Series series = byName.get(name);
            if (series != null) {
                list.add(new Attribute(name, series.read()));
            }
        }
        return list;
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException("Trainset metrics are read-only: " + attribute.getName());
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) throws ReflectionException {
        throw new ReflectionException(new NoSuchMethodException(actionName), "Trainset metrics have no operations");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return info;
    }
}
