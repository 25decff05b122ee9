package io.trainset.connect.it;

/** Values in JsonConverter's schema-and-payload envelope, as a schema'd JSON producer writes them. */
final class StructJson {

    private StructJson() {}

    static String issue(String id, String title, int severity, double score, boolean urgent) {
        return """
                {"schema":{"type":"struct","name":"issue_value","fields":[
                  {"field":"issue","type":"struct","fields":[
                    {"field":"id","type":"string"},{"field":"title","type":"string"}]},
                  {"field":"severity","type":"int32"},
                  {"field":"score","type":"double"},
                  {"field":"urgent","type":"boolean"}]},
                 "payload":{"issue":{"id":"%s","title":"%s"},"severity":%d,"score":%s,"urgent":%s}}
                """.formatted(id, title, severity, score, urgent);
    }

    static String resolution(String issueId, String team) {
        return """
                {"schema":{"type":"struct","fields":[
                  {"field":"issue_id","type":"string"},
                  {"field":"outcome","type":"struct","fields":[{"field":"team","type":"string"}]}]},
                 "payload":{"issue_id":"%s","outcome":{"team":"%s"}}}
                """.formatted(issueId, team);
    }
}
