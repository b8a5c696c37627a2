{{/* The release's base name, at most 40 characters so that suffixed names stay valid. */}}
{{- define "vigil.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "vigil.engine" -}}{{ include "vigil.fullname" . }}-engine{{- end -}}
{{- define "vigil.engineHeadless" -}}{{ include "vigil.fullname" . }}-engine-cluster{{- end -}}
{{- define "vigil.workers" -}}{{ include "vigil.fullname" . }}-workers{{- end -}}

{{- define "vigil.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of one role: engine or workers. */}}
{{- define "vigil.selector" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .role }}
{{- end -}}

{{- define "vigil.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{/* An environment variable from the operator's Secret. */}}
{{- define "vigil.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key }}
      {{- if .optional }}
      optional: true
      {{- end }}
{{- end -}}

{{/* The probes of a Vigil node on the actuator's health groups. */}}
{{- define "vigil.probes" -}}
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  failureThreshold: {{ .startup.failureThreshold }}
  periodSeconds: {{ .startup.periodSeconds }}
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: http
  periodSeconds: 5
  failureThreshold: 3
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  periodSeconds: 10
  failureThreshold: 6
{{- end -}}

{{/* What the chart refuses before rendering anything. */}}
{{- define "vigil.validate" -}}
{{- if and (not .Values.database.url) (gt (int .Values.engine.replicas) 1) -}}
{{- fail (printf "engine.replicas is %d but database.url is empty: embedded H2 serves one engine node only; set database.url to PostgreSQL" (int .Values.engine.replicas)) -}}
{{- end -}}
{{- if and .Values.database.url (hasPrefix "jdbc:h2:" .Values.database.url) (gt (int .Values.engine.replicas) 1) -}}
{{- fail "database.url is H2, which serves one engine node only: use PostgreSQL for more engine replicas" -}}
{{- end -}}
{{- if and .Values.database.url (not .Values.database.existingSecret) -}}
{{- fail "database.existingSecret: name the Secret that holds the database password" -}}
{{- end -}}
{{- end -}}
