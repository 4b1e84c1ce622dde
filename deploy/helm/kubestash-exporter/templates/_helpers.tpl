{{/* The app name: app.kubernetes.io/name of every object. */}}
{{- define "kse.name" -}}
{{- default "kubestash-exporter" .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The objects' name: <release>, or <release>-kubestash-exporter. */}}
{{- define "kse.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 50 | trimSuffix "-" -}}
{{- else if contains (include "kse.name" .) .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "kse.name" .) | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* The labels the selectors use; the component is added where it applies. */}}
{{- define "kse.selectorLabels" -}}
app.kubernetes.io/name: {{ include "kse.name" . }}
app.kubernetes.io/part-of: kubestash-metrics
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels of every object. */}}
{{- define "kse.labels" -}}
{{ include "kse.selectorLabels" . }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "kse.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "kse.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "kse.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/* The label that aggregates ClusterRoles into the exporter's (modes cluster and path). */}}
{{- define "kse.aggregationLabel" -}}
kubestash-metrics/aggregate-to-exporter: "true"
{{- end -}}

{{- define "kse.aggregated" -}}
{{- if ne .Values.mode "builtin" }}true{{ end -}}
{{- end -}}

{{/* Where secure serving mounts its files. */}}
{{- define "kse.webConfigDir" -}}/etc/kubestash-exporter/web{{- end -}}
{{- define "kse.tlsDir" -}}/etc/kubestash-exporter/tls{{- end -}}

{{- define "kse.tlsSecretName" -}}
{{- if .Values.secureServing.tls.certManager.enabled -}}
{{- printf "%s-serving-cert" (include "kse.fullname" .) -}}
{{- else -}}
{{- required "secureServing.tls.existingSecret is required without cert-manager" .Values.secureServing.tls.existingSecret -}}
{{- end -}}
{{- end -}}

{{- define "kse.webConfigSecretName" -}}
{{- default (printf "%s-web-config" (include "kse.fullname" .)) .Values.secureServing.existingWebConfigSecret -}}
{{- end -}}

{{- define "kse.shardsServiceName" -}}
{{- printf "%s-shards" (include "kse.fullname" .) -}}
{{- end -}}

{{- define "kse.scheme" -}}
{{- if .Values.secureServing.enabled }}HTTPS{{ else }}HTTP{{ end -}}
{{- end -}}

{{/* The exporter's arguments, in the order deploy/ writes them. */}}
{{- define "kse.args" -}}
- --port={{ .Values.ports.metrics }}
- --telemetry-port={{ .Values.ports.telemetry }}
{{- if .Values.sharding.enabled }}
- --total-shards={{ .Values.replicas }}
{{- end }}
{{- if eq .Values.mode "cluster" }}
- --metrics-config=cluster
{{- else if eq .Values.mode "path" }}
- --metrics-config={{ .Values.metricsConfig.mountPath }}
{{- end }}
{{- with .Values.metricsConfig.interval }}
- --metrics-config-interval={{ . }}
{{- end }}
{{- with .Values.scope.namespaces }}
- --namespaces={{ join "," . }}
{{- end }}
{{- with .Values.scope.labelSelector }}
- --label-selector={{ . }}
{{- end }}
{{- with .Values.scope.kinds }}
- --kinds={{ join "," . }}
{{- end }}
{{- with .Values.logLevel }}
- --log-level={{ . }}
{{- end }}
{{- if .Values.secureServing.enabled }}
- --web-config-file={{ include "kse.webConfigDir" . }}/web-config.yml
{{- if eq .Values.secureServing.auth "kubernetes" }}
- --auth=kubernetes
{{- end }}
{{- end }}
{{- if .Values.webhook.enabled }}
- --admission
- --admission-mode={{ .Values.webhook.mode }}
{{- end }}
{{- with .Values.extraArgs }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* The pod template of the Deployment or StatefulSet. */}}
{{- define "kse.podTemplate" -}}
metadata:
  {{- $annotations := dict }}
  {{- if and .Values.sharding.enabled .Values.service.prometheusScrapeAnnotations (not .Values.secureServing.enabled) }}
  {{- $_ := set $annotations "prometheus.io/scrape" "true" }}
  {{- $_ := set $annotations "prometheus.io/port" (toString .Values.ports.metrics) }}
  {{- $_ := set $annotations "prometheus.io/path" "/metrics" }}
  {{- end }}
  {{- $annotations = merge $annotations .Values.podAnnotations }}
  {{- with $annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  labels:
    {{- include "kse.labels" . | nindent 4 }}
    app.kubernetes.io/component: exporter
    {{- with .Values.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "kse.serviceAccountName" . }}
  {{- with .Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.priorityClassName }}
  priorityClassName: {{ . }}
  {{- end }}
  securityContext:
    runAsNonRoot: true
    runAsUser: 65532
    runAsGroup: 65532
    seccompProfile:
      type: RuntimeDefault
  containers:
  - name: exporter
    image: {{ include "kse.image" . }}
    {{- with .Values.image.pullPolicy }}
    imagePullPolicy: {{ . }}
    {{- end }}
    args:
      {{- include "kse.args" . | nindent 6 }}
    env:
    {{- if .Values.sharding.enabled }}
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    {{- end }}
    - name: JAVA_TOOL_OPTIONS
      value: {{ .Values.javaToolOptions | quote }}
    {{- with .Values.extraEnv }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
    ports:
    - name: metrics
      containerPort: {{ .Values.ports.metrics }}
    {{- if ge (int .Values.ports.telemetry) 0 }}
    - name: telemetry
      containerPort: {{ .Values.ports.telemetry }}
    {{- end }}
    livenessProbe:
      httpGet:
        path: /healthz
        port: metrics
        {{- if .Values.secureServing.enabled }}
        scheme: HTTPS
        {{- end }}
      periodSeconds: 10
      failureThreshold: 3
    readinessProbe:
      httpGet:
        path: /readyz
        port: metrics
        {{- if .Values.secureServing.enabled }}
        scheme: HTTPS
        {{- end }}
      periodSeconds: 5
    startupProbe:
      httpGet:
        path: /healthz
        port: metrics
        {{- if .Values.secureServing.enabled }}
        scheme: HTTPS
        {{- end }}
      periodSeconds: 2
      failureThreshold: 30
    resources:
      {{- toYaml .Values.resources | nindent 6 }}
    securityContext:
      allowPrivilegeEscalation: false
      readOnlyRootFilesystem: true
      runAsNonRoot: true
      capabilities:
        drop: ["ALL"]
    volumeMounts:
    - name: tmp
      mountPath: /tmp
    {{- if eq .Values.mode "path" }}
    - name: metrics-configurations
      mountPath: {{ .Values.metricsConfig.mountPath }}
      readOnly: true
    {{- end }}
    {{- if .Values.secureServing.enabled }}
    - name: web-config
      mountPath: {{ include "kse.webConfigDir" . }}
      readOnly: true
    - name: tls
      mountPath: {{ include "kse.tlsDir" . }}
      readOnly: true
    {{- end }}
  volumes:
  # The JVM wants a writable /tmp; the root filesystem stays read-only.
  - name: tmp
    emptyDir:
      sizeLimit: 64Mi
  {{- if eq .Values.mode "path" }}
  - name: metrics-configurations
    configMap:
      name: {{ default (printf "%s-metrics-configurations" (include "kse.fullname" .)) .Values.metricsConfig.existingConfigMap }}
  {{- end }}
  {{- if .Values.secureServing.enabled }}
  - name: web-config
    secret:
      secretName: {{ include "kse.webConfigSecretName" . }}
  - name: tls
    secret:
      secretName: {{ include "kse.tlsSecretName" . }}
  {{- end }}
  {{- with .Values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}
