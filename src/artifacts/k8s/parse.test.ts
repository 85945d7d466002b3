import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseHelmValues, parseKubernetes } from "./parse.js";

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 3
  template:
    spec:
      initContainers:
        - name: migrate
          image: me/app
          command: [python, manage.py, migrate]
      containers:
        - name: web
          image: me/app:1
          args: [gunicorn, mysite.wsgi]
          env:
            - name: DJANGO_SETTINGS_MODULE
              value: mysite.prod
            - name: SECRET_KEY
              valueFrom:
                secretKeyRef: {name: app, key: secret-key}
          envFrom:
            - configMapRef: {name: app-config}
          ports: [{name: http, containerPort: 8000}]
          readinessProbe:
            httpGet:
              path: /healthz
              port: http
              httpHeaders: [{name: Host, value: app.example.com}]
          resources:
            limits: {memory: 512Mi, cpu: "1"}
          volumeMounts:
            - {name: media, mountPath: /app/media}
      volumes:
        - name: media
          persistentVolumeClaim: {claimName: media}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt
spec:
  ingressClassName: nginx
  tls: [{hosts: [app.example.com], secretName: web-tls}]
  rules:
    - host: app.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: web, port: {number: 80}}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
---
apiVersion: v1
kind: ConfigMap
metadata: {name: app-config}
data:
  ALLOWED_HOSTS: app.example.com
`;

describe("kubernetes", () => {
  const file = parseKubernetes("k8s/app.yaml", MANIFEST);
  test("workloads with containers, env, probes, resources and mounts", () => {
    assert.deepEqual(file.problems, []);
    const [web] = file.workloads;
    assert.deepEqual([web?.kind, web?.name, web?.replicas?.value, web?.replicas?.line], ["Deployment", "web", 3, 7]);
    const container = web?.containers[0];
    assert.deepEqual([container?.args, container?.commandLine], [["gunicorn", "mysite.wsgi"], 17]);
    assert.deepEqual(
      container?.env.map((e) => [e.name, e.value, e.from?.kind ?? null]),
      [
        ["DJANGO_SETTINGS_MODULE", "mysite.prod", null],
        ["SECRET_KEY", null, "secret"],
      ],
    );
    assert.deepEqual(
      container?.envFrom.map((e) => [e.kind, e.name]),
      [["configMap", "app-config"]],
    );
    assert.deepEqual(
      container?.probes.map((p) => [p.kind, p.type, p.path, p.headers[0]?.value]),
      [["readiness", "httpGet", "/healthz", "app.example.com"]],
    );
    assert.deepEqual(container?.resources?.limits, { memory: "512Mi", cpu: "1" });
    assert.deepEqual(
      container?.volumeMounts.map((m) => m.mountPath),
      ["/app/media"],
    );
    assert.deepEqual(web?.initContainers[0]?.command, ["python", "manage.py", "migrate"]);
    assert.deepEqual(web?.volumes, [{ name: "media", type: "persistentVolumeClaim", line: 37 }]);
  });
  test("Ingress, HPA and ConfigMap", () => {
    const [ingress] = file.ingresses;
    assert.deepEqual(
      [ingress?.className, ingress?.hosts.map((h) => [h.value, h.line]), ingress?.tls[0]?.hosts],
      ["nginx", [["app.example.com", 50]], ["app.example.com"]],
    );
    assert.deepEqual(
      ingress?.backends.map((b) => [b.path, b.service]),
      [["/", "web"]],
    );
    assert.deepEqual([file.autoscalers[0]?.target.name, file.autoscalers[0]?.maxReplicas], ["web", 10]);
    assert.deepEqual(
      file.configs[0]?.data.map((d) => [d.key, d.value]),
      [["ALLOWED_HOSTS", "app.example.com"]],
    );
  });
  test("kustomization resources resolve within the tree", () => {
    const k = parseKubernetes(
      "deploy/prod/kustomization.yaml",
      "resources:\n  - ../base\n  - https://github.com/x/y//z?ref=v1\npatches:\n  - path: replicas.yaml\n",
    ).kustomization;
    assert.deepEqual(
      k?.resources.map((r) => r.value),
      ["deploy/base"],
    );
    assert.deepEqual(
      k?.patches.map((p) => p.value),
      ["deploy/prod/replicas.yaml"],
    );
  });
  test("a broken document is a problem, the others still parse", () => {
    const broken = parseKubernetes(
      "k.yaml",
      "kind: Service\nmetadata: {name: a\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b}\n",
    );
    assert.ok(broken.problems.length > 0);
    assert.deepEqual(
      broken.services.map((s) => s.name),
      ["b"],
    );
  });
  test("helm values", () => {
    const values = parseHelmValues(
      "chart/values.yaml",
      "replicaCount: 2\ningress:\n  hosts:\n    - host: app.example.com\n  tls: [{secretName: x}]\nresources:\n  limits: {memory: 1Gi}\n",
    );
    assert.deepEqual(
      [values.replicaCount?.value, values.ingressHosts[0]?.value, values.ingressTls, values.resources?.limits.memory],
      [2, "app.example.com", true, "1Gi"],
    );
  });
});
