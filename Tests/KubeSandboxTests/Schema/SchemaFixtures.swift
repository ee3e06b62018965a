// Fixtures recorded from a real kube-apiserver v1.36.2 (see /work/shared/reference/kube-fixtures), embedded
// so the tests are self-contained.
import Foundation
import KubeCore

enum SchemaFixtures {
    static let crdGet = #"""
{
  "kind": "CustomResourceDefinition",
  "apiVersion": "apiextensions.k8s.io/v1",
  "metadata": {
    "name": "maasmachines.infrastructure.cluster.x-k8s.io",
    "uid": "00000000-0000-4000-8000-000000000003",
    "resourceVersion": "365",
    "generation": 1,
    "creationTimestamp": "2026-11-25T10:36:22Z",
    "annotations": {
      "kubectl.kubernetes.io/last-applied-configuration": "{\"apiVersion\":\"apiextensions.k8s.io/v1\",\"kind\":\"CustomResourceDefinition\",\"metadata\":{\"annotations\":{},\"name\":\"maasmachines.infrastructure.cluster.x-k8s.io\"},\"spec\":{\"group\":\"infrastructure.cluster.x-k8s.io\",\"names\":{\"categories\":[\"cluster-api\"],\"kind\":\"MaasMachine\",\"listKind\":\"MaasMachineList\",\"plural\":\"maasmachines\",\"shortNames\":[\"maasm\"],\"singular\":\"maasmachine\"},\"scope\":\"Namespaced\",\"versions\":[{\"additionalPrinterColumns\":[{\"description\":\"MAAS machine state\",\"jsonPath\":\".status.machineState\",\"name\":\"State\",\"type\":\"string\"},{\"description\":\"Provider ID of the machine\",\"jsonPath\":\".spec.providerID\",\"name\":\"ProviderID\",\"type\":\"string\"},{\"description\":\"Ready condition status\",\"jsonPath\":\".status.conditions[?(@.type==\\\"Ready\\\")].status\",\"name\":\"Ready\",\"type\":\"string\"},{\"jsonPath\":\".metadata.creationTimestamp\",\"name\":\"Age\",\"type\":\"date\"}],\"name\":\"v1beta1\",\"schema\":{\"openAPIV3Schema\":{\"description\":\"MaasMachine is the Schema for the maasmachines API.\",\"properties\":{\"apiVersion\":{\"description\":\"APIVersion defines the versioned schema of this representation of an object.\",\"type\":\"string\"},\"kind\":{\"description\":\"Kind is a string value representing the REST resource this object represents.\",\"type\":\"string\"},\"metadata\":{\"type\":\"object\"},\"spec\":{\"description\":\"MaasMachineSpec defines the desired state of a MaasMachine.\",\"properties\":{\"image\":{\"description\":\"Image is the OS image to deploy on the machine. Immutable.\",\"minLength\":1,\"type\":\"string\",\"x-kubernetes-validations\":[{\"message\":\"image is immutable\",\"rule\":\"self == oldSelf\"}]},\"minCPU\":{\"description\":\"MinCPU is the minimum number of CPU cores the machine must have.\",\"minimum\":0,\"type\":\"integer\"},\"minMemory\":{\"description\":\"MinMemory is the minimum amount of memory, in MiB.\",\"minimum\":0,\"type\":\"integer\"},\"providerID\":{\"description\":\"ProviderID is the provider ID of the machine, maas:///\\u003czone\\u003e/\\u003csystem-id\\u003e.\",\"type\":\"string\"},\"tags\":{\"description\":\"Tags are MAAS tags the machine must carry.\",\"items\":{\"type\":\"string\"},\"type\":\"array\"}},\"required\":[\"image\"],\"type\":\"object\"},\"status\":{\"description\":\"MaasMachineStatus defines the observed state of a MaasMachine.\",\"properties\":{\"conditions\":{\"description\":\"Conditions define the current service state of the MaasMachine.\",\"items\":{\"description\":\"Condition defines an observation of a resource's operational state.\",\"properties\":{\"lastTransitionTime\":{\"description\":\"LastTransitionTime is the last time the condition changed.\",\"format\":\"date-time\",\"type\":\"string\"},\"message\":{\"description\":\"Message is a human readable message about the last transition.\",\"type\":\"string\"},\"observedGeneration\":{\"description\":\"ObservedGeneration is the .metadata.generation the condition was set from.\",\"format\":\"int64\",\"type\":\"integer\"},\"reason\":{\"description\":\"Reason is a one-word CamelCase reason for the last transition.\",\"type\":\"string\"},\"status\":{\"description\":\"Status of the condition, one of True, False, Unknown.\",\"type\":\"string\"},\"type\":{\"description\":\"Type of condition in CamelCase.\",\"type\":\"string\"}},\"required\":[\"type\",\"status\"],\"type\":\"object\"},\"type\":\"array\"},\"machineState\":{\"description\":\"MachineState is the MAAS state of the machine.\",\"type\":\"string\"},\"ready\":{\"description\":\"Ready is true when the machine is deployed and ready.\",\"type\":\"boolean\"}},\"type\":\"object\"}},\"type\":\"object\"}},\"served\":true,\"storage\":true,\"subresources\":{\"status\":{}}}]}}\n"
    },
    "managedFields": [
      {
        "manager": "kube-apiserver",
        "operation": "Update",
        "apiVersion": "apiextensions.k8s.io/v1",
        "time": "2026-11-25T10:36:22Z",
        "fieldsType": "FieldsV1",
        "fieldsV1": {
          "f:status": {
            "f:acceptedNames": {
              "f:categories": {},
              "f:kind": {},
              "f:listKind": {},
              "f:plural": {},
              "f:shortNames": {},
              "f:singular": {}
            },
            "f:conditions": {
              "k:{\"type\":\"Established\"}": {
                ".": {},
                "f:lastTransitionTime": {},
                "f:message": {},
                "f:reason": {},
                "f:status": {},
                "f:type": {}
              },
              "k:{\"type\":\"NamesAccepted\"}": {
                ".": {},
                "f:lastTransitionTime": {},
                "f:message": {},
                "f:reason": {},
                "f:status": {},
                "f:type": {}
              }
            }
          }
        },
        "subresource": "status"
      },
      {
        "manager": "kubectl-client-side-apply",
        "operation": "Update",
        "apiVersion": "apiextensions.k8s.io/v1",
        "time": "2026-11-25T10:36:22Z",
        "fieldsType": "FieldsV1",
        "fieldsV1": {
          "f:metadata": {
            "f:annotations": {
              ".": {},
              "f:kubectl.kubernetes.io/last-applied-configuration": {}
            }
          },
          "f:spec": {
            "f:conversion": {
              ".": {},
              "f:strategy": {}
            },
            "f:group": {},
            "f:names": {
              "f:categories": {},
              "f:kind": {},
              "f:listKind": {},
              "f:plural": {},
              "f:shortNames": {},
              "f:singular": {}
            },
            "f:scope": {},
            "f:versions": {}
          }
        }
      }
    ]
  },
  "spec": {
    "group": "infrastructure.cluster.x-k8s.io",
    "names": {
      "plural": "maasmachines",
      "singular": "maasmachine",
      "shortNames": [
        "maasm"
      ],
      "kind": "MaasMachine",
      "listKind": "MaasMachineList",
      "categories": [
        "cluster-api"
      ]
    },
    "scope": "Namespaced",
    "versions": [
      {
        "name": "v1beta1",
        "served": true,
        "storage": true,
        "schema": {
          "openAPIV3Schema": {
            "description": "MaasMachine is the Schema for the maasmachines API.",
            "type": "object",
            "properties": {
              "apiVersion": {
                "description": "APIVersion defines the versioned schema of this representation of an object.",
                "type": "string"
              },
              "kind": {
                "description": "Kind is a string value representing the REST resource this object represents.",
                "type": "string"
              },
              "metadata": {
                "type": "object"
              },
              "spec": {
                "description": "MaasMachineSpec defines the desired state of a MaasMachine.",
                "type": "object",
                "required": [
                  "image"
                ],
                "properties": {
                  "image": {
                    "description": "Image is the OS image to deploy on the machine. Immutable.",
                    "type": "string",
                    "minLength": 1,
                    "x-kubernetes-validations": [
                      {
                        "rule": "self == oldSelf",
                        "message": "image is immutable"
                      }
                    ]
                  },
                  "minCPU": {
                    "description": "MinCPU is the minimum number of CPU cores the machine must have.",
                    "type": "integer",
                    "minimum": 0
                  },
                  "minMemory": {
                    "description": "MinMemory is the minimum amount of memory, in MiB.",
                    "type": "integer",
                    "minimum": 0
                  },
                  "providerID": {
                    "description": "ProviderID is the provider ID of the machine, maas:///<zone>/<system-id>.",
                    "type": "string"
                  },
                  "tags": {
                    "description": "Tags are MAAS tags the machine must carry.",
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  }
                }
              },
              "status": {
                "description": "MaasMachineStatus defines the observed state of a MaasMachine.",
                "type": "object",
                "properties": {
                  "conditions": {
                    "description": "Conditions define the current service state of the MaasMachine.",
                    "type": "array",
                    "items": {
                      "description": "Condition defines an observation of a resource's operational state.",
                      "type": "object",
                      "required": [
                        "type",
                        "status"
                      ],
                      "properties": {
                        "lastTransitionTime": {
                          "description": "LastTransitionTime is the last time the condition changed.",
                          "type": "string",
                          "format": "date-time"
                        },
                        "message": {
                          "description": "Message is a human readable message about the last transition.",
                          "type": "string"
                        },
                        "observedGeneration": {
                          "description": "ObservedGeneration is the .metadata.generation the condition was set from.",
                          "type": "integer",
                          "format": "int64"
                        },
                        "reason": {
                          "description": "Reason is a one-word CamelCase reason for the last transition.",
                          "type": "string"
                        },
                        "status": {
                          "description": "Status of the condition, one of True, False, Unknown.",
                          "type": "string"
                        },
                        "type": {
                          "description": "Type of condition in CamelCase.",
                          "type": "string"
                        }
                      }
                    }
                  },
                  "machineState": {
                    "description": "MachineState is the MAAS state of the machine.",
                    "type": "string"
                  },
                  "ready": {
                    "description": "Ready is true when the machine is deployed and ready.",
                    "type": "boolean"
                  }
                }
              }
            }
          }
        },
        "subresources": {
          "status": {}
        },
        "additionalPrinterColumns": [
          {
            "name": "State",
            "type": "string",
            "description": "MAAS machine state",
            "jsonPath": ".status.machineState"
          },
          {
            "name": "ProviderID",
            "type": "string",
            "description": "Provider ID of the machine",
            "jsonPath": ".spec.providerID"
          },
          {
            "name": "Ready",
            "type": "string",
            "description": "Ready condition status",
            "jsonPath": ".status.conditions[?(@.type==\"Ready\")].status"
          },
          {
            "name": "Age",
            "type": "date",
            "jsonPath": ".metadata.creationTimestamp"
          }
        ]
      }
    ],
    "conversion": {
      "strategy": "None"
    }
  },
  "status": {
    "conditions": [
      {
        "type": "NamesAccepted",
        "status": "True",
        "lastTransitionTime": "2026-11-25T10:36:22Z",
        "reason": "NoConflicts",
        "message": "no conflicts found"
      },
      {
        "type": "Established",
        "status": "True",
        "lastTransitionTime": "2026-11-25T10:36:22Z",
        "reason": "InitialNamesAccepted",
        "message": "the initial names have been accepted"
      }
    ],
    "acceptedNames": {
      "plural": "maasmachines",
      "singular": "maasmachine",
      "shortNames": [
        "maasm"
      ],
      "kind": "MaasMachine",
      "listKind": "MaasMachineList",
      "categories": [
        "cluster-api"
      ]
    },
    "storedVersions": [
      "v1beta1"
    ]
  }
}
"""#

    static let maasMachineComponentSchema = #"""
{
  "description": "MaasMachine is the Schema for the maasmachines API.",
  "type": "object",
  "properties": {
    "apiVersion": {
      "description": "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
      "type": "string"
    },
    "kind": {
      "description": "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
      "type": "string"
    },
    "metadata": {
      "description": "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
      "allOf": [
        {
          "$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"
        }
      ]
    },
    "spec": {
      "description": "MaasMachineSpec defines the desired state of a MaasMachine.",
      "type": "object",
      "required": [
        "image"
      ],
      "properties": {
        "image": {
          "description": "Image is the OS image to deploy on the machine. Immutable.",
          "type": "string",
          "minLength": 1,
          "x-kubernetes-validations": [
            {
              "rule": "self == oldSelf",
              "message": "image is immutable"
            }
          ]
        },
        "minCPU": {
          "description": "MinCPU is the minimum number of CPU cores the machine must have.",
          "type": "integer",
          "minimum": 0
        },
        "minMemory": {
          "description": "MinMemory is the minimum amount of memory, in MiB.",
          "type": "integer",
          "minimum": 0
        },
        "providerID": {
          "description": "ProviderID is the provider ID of the machine, maas:///<zone>/<system-id>.",
          "type": "string"
        },
        "tags": {
          "description": "Tags are MAAS tags the machine must carry.",
          "type": "array",
          "items": {
            "type": "string"
          }
        }
      }
    },
    "status": {
      "description": "MaasMachineStatus defines the observed state of a MaasMachine.",
      "type": "object",
      "properties": {
        "conditions": {
          "description": "Conditions define the current service state of the MaasMachine.",
          "type": "array",
          "items": {
            "description": "Condition defines an observation of a resource's operational state.",
            "type": "object",
            "required": [
              "type",
              "status"
            ],
            "properties": {
              "lastTransitionTime": {
                "description": "LastTransitionTime is the last time the condition changed.",
                "type": "string",
                "format": "date-time"
              },
              "message": {
                "description": "Message is a human readable message about the last transition.",
                "type": "string"
              },
              "observedGeneration": {
                "description": "ObservedGeneration is the .metadata.generation the condition was set from.",
                "type": "integer",
                "format": "int64"
              },
              "reason": {
                "description": "Reason is a one-word CamelCase reason for the last transition.",
                "type": "string"
              },
              "status": {
                "description": "Status of the condition, one of True, False, Unknown.",
                "type": "string"
              },
              "type": {
                "description": "Type of condition in CamelCase.",
                "type": "string"
              }
            }
          }
        },
        "machineState": {
          "description": "MachineState is the MAAS state of the machine.",
          "type": "string"
        },
        "ready": {
          "description": "Ready is true when the machine is deployed and ready.",
          "type": "boolean"
        }
      }
    }
  },
  "x-kubernetes-group-version-kind": [
    {
      "group": "infrastructure.cluster.x-k8s.io",
      "kind": "MaasMachine",
      "version": "v1beta1"
    }
  ]
}
"""#

    static let maasMachineListComponentSchema = #"""
{
  "description": "MaasMachineList is a list of MaasMachine",
  "type": "object",
  "required": [
    "items"
  ],
  "properties": {
    "apiVersion": {
      "description": "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
      "type": "string"
    },
    "items": {
      "description": "List of maasmachines. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md",
      "type": "array",
      "items": {
        "$ref": "#/components/schemas/io.x-k8s.cluster.infrastructure.v1beta1.MaasMachine"
      }
    },
    "kind": {
      "description": "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
      "type": "string"
    },
    "metadata": {
      "description": "Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
      "allOf": [
        {
          "$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta"
        }
      ]
    }
  },
  "x-kubernetes-group-version-kind": [
    {
      "group": "infrastructure.cluster.x-k8s.io",
      "kind": "MaasMachineList",
      "version": "v1beta1"
    }
  ]
}
"""#

    static let itemPathPatchOperation = #"""
{
  "tags": [
    "infrastructureClusterXK8sIo_v1beta1"
  ],
  "description": "partially update the specified MaasMachine",
  "operationId": "patchInfrastructureClusterXK8sIoV1beta1NamespacedMaasMachine",
  "parameters": [
    {
      "name": "dryRun",
      "in": "query",
      "description": "When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed",
      "schema": {
        "type": "string",
        "uniqueItems": true
      }
    },
    {
      "name": "fieldManager",
      "in": "query",
      "description": "fieldManager is a name associated with the actor or entity that is making these changes. The value must be less than or 128 characters long, and only contain printable characters, as defined by https://golang.org/pkg/unicode/#IsPrint. This field is required for apply requests (application/apply-patch) but optional for non-apply patch types (JsonPatch, MergePatch, StrategicMergePatch).",
      "schema": {
        "type": "string",
        "uniqueItems": true
      }
    },
    {
      "name": "fieldValidation",
      "in": "query",
      "description": "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: This will ignore any unknown fields that are silently dropped from the object, and will ignore all but the last duplicate field that the decoder encounters. This is the default behavior prior to v1.23. - Warn: This will send a warning via the standard warning response header for each unknown field that is dropped from the object, and for each duplicate field that is encountered. The request will still succeed if there are no other errors, and will only persist the last of any duplicate fields. This is the default in v1.23+ - Strict: This will fail the request with a BadRequest error if any unknown fields would be dropped from the object, or if any duplicate fields are present. The error returned from the server will contain all unknown and duplicate fields encountered.",
      "schema": {
        "type": "string",
        "uniqueItems": true
      }
    },
    {
      "name": "force",
      "in": "query",
      "description": "Force is going to \"force\" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests.",
      "schema": {
        "type": "boolean",
        "uniqueItems": true
      }
    }
  ],
  "requestBody": {
    "content": {
      "application/apply-patch+yaml": {
        "schema": {
          "$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch"
        }
      },
      "application/json-patch+json": {
        "schema": {
          "$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch"
        }
      },
      "application/merge-patch+json": {
        "schema": {
          "$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch"
        }
      }
    },
    "required": true
  },
  "responses": {
    "200": {
      "description": "OK",
      "content": {
        "application/json": {
          "schema": {
            "$ref": "#/components/schemas/io.x-k8s.cluster.infrastructure.v1beta1.MaasMachine"
          }
        },
        "application/yaml": {
          "schema": {
            "$ref": "#/components/schemas/io.x-k8s.cluster.infrastructure.v1beta1.MaasMachine"
          }
        }
      }
    },
    "401": {
      "description": "Unauthorized"
    }
  },
  "x-kubernetes-action": "patch",
  "x-kubernetes-group-version-kind": {
    "group": "infrastructure.cluster.x-k8s.io",
    "version": "v1beta1",
    "kind": "MaasMachine"
  }
}
"""#

    static let itemPathParameters = #"""
[
  {
    "name": "name",
    "in": "path",
    "description": "name of the MaasMachine",
    "required": true,
    "schema": {
      "type": "string",
      "uniqueItems": true
    }
  },
  {
    "name": "namespace",
    "in": "path",
    "description": "object name and auth scope, such as for teams and projects",
    "required": true,
    "schema": {
      "type": "string",
      "uniqueItems": true
    }
  },
  {
    "name": "pretty",
    "in": "query",
    "description": "If 'true', then the output is pretty printed. Defaults to 'false' unless the user-agent indicates a browser or command-line HTTP tool (curl and wget).",
    "schema": {
      "type": "string",
      "uniqueItems": true
    }
  }
]
"""#

    static let tableMaasMachines = #"""
{
  "kind": "Table",
  "apiVersion": "meta.k8s.io/v1",
  "metadata": {
    "resourceVersion": "370"
  },
  "columnDefinitions": [
    {
      "name": "Name",
      "type": "string",
      "format": "name",
      "description": "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
      "priority": 0
    },
    {
      "name": "State",
      "type": "string",
      "format": "",
      "description": "MAAS machine state",
      "priority": 0
    },
    {
      "name": "ProviderID",
      "type": "string",
      "format": "",
      "description": "Provider ID of the machine",
      "priority": 0
    },
    {
      "name": "Ready",
      "type": "string",
      "format": "",
      "description": "Ready condition status",
      "priority": 0
    },
    {
      "name": "Age",
      "type": "date",
      "format": "",
      "description": "Custom resource definition column (in JSONPath format): .metadata.creationTimestamp",
      "priority": 0
    }
  ],
  "rows": [
    {
      "cells": [
        "mm1",
        "Deployed",
        "maas:///zone1/abc123",
        "True",
        "1s"
      ],
      "object": {
        "kind": "PartialObjectMetadata",
        "apiVersion": "meta.k8s.io/v1",
        "metadata": {
          "name": "mm1",
          "namespace": "default",
          "uid": "00000000-0000-4000-8000-000000000001",
          "resourceVersion": "370",
          "generation": 1,
          "creationTimestamp": "2026-11-25T10:36:25Z",
          "labels": {
            "cluster.x-k8s.io/cluster-name": "c1",
            "role": "worker"
          },
          "annotations": {
            "kubectl.kubernetes.io/last-applied-configuration": "{\"apiVersion\":\"infrastructure.cluster.x-k8s.io/v1beta1\",\"kind\":\"MaasMachine\",\"metadata\":{\"annotations\":{},\"labels\":{\"cluster.x-k8s.io/cluster-name\":\"c1\"},\"name\":\"mm1\",\"namespace\":\"default\"},\"spec\":{\"image\":\"ubuntu-22.04\",\"minCPU\":2,\"minMemory\":4096,\"providerID\":\"maas:///zone1/abc123\",\"tags\":[\"gpu\"]}}\n"
          },
          "managedFields": [
            {
              "manager": "kubectl-client-side-apply",
              "operation": "Update",
              "apiVersion": "infrastructure.cluster.x-k8s.io/v1beta1",
              "time": "2026-11-25T10:36:25Z",
              "fieldsType": "FieldsV1",
              "fieldsV1": {
                "f:metadata": {
                  "f:annotations": {
                    ".": {},
                    "f:kubectl.kubernetes.io/last-applied-configuration": {}
                  },
                  "f:labels": {
                    ".": {},
                    "f:cluster.x-k8s.io/cluster-name": {}
                  }
                },
                "f:spec": {
                  ".": {},
                  "f:image": {},
                  "f:minCPU": {},
                  "f:minMemory": {},
                  "f:providerID": {},
                  "f:tags": {}
                }
              }
            },
            {
              "manager": "kubectl-label",
              "operation": "Update",
              "apiVersion": "infrastructure.cluster.x-k8s.io/v1beta1",
              "time": "2026-11-25T10:36:26Z",
              "fieldsType": "FieldsV1",
              "fieldsV1": {
                "f:metadata": {
                  "f:labels": {
                    "f:role": {}
                  }
                }
              }
            },
            {
              "manager": "kubectl-patch",
              "operation": "Update",
              "apiVersion": "infrastructure.cluster.x-k8s.io/v1beta1",
              "time": "2026-11-25T10:36:26Z",
              "fieldsType": "FieldsV1",
              "fieldsV1": {
                "f:status": {
                  ".": {},
                  "f:conditions": {},
                  "f:machineState": {},
                  "f:ready": {}
                }
              },
              "subresource": "status"
            }
          ]
        }
      }
    },
    {
      "cells": [
        "mm2",
        null,
        "maas:///zone1/def456",
        null,
        "0s"
      ],
      "object": {
        "kind": "PartialObjectMetadata",
        "apiVersion": "meta.k8s.io/v1",
        "metadata": {
          "name": "mm2",
          "namespace": "default",
          "uid": "00000000-0000-4000-8000-000000000002",
          "resourceVersion": "367",
          "generation": 1,
          "creationTimestamp": "2026-11-25T10:36:26Z",
          "labels": {
            "cluster.x-k8s.io/cluster-name": "c1"
          },
          "annotations": {
            "kubectl.kubernetes.io/last-applied-configuration": "{\"apiVersion\":\"infrastructure.cluster.x-k8s.io/v1beta1\",\"kind\":\"MaasMachine\",\"metadata\":{\"annotations\":{},\"labels\":{\"cluster.x-k8s.io/cluster-name\":\"c1\"},\"name\":\"mm2\",\"namespace\":\"default\"},\"spec\":{\"image\":\"ubuntu-22.04\",\"minCPU\":2,\"minMemory\":4096,\"providerID\":\"maas:///zone1/def456\",\"tags\":[\"gpu\"]}}\n"
          },
          "managedFields": [
            {
              "manager": "kubectl-client-side-apply",
              "operation": "Update",
              "apiVersion": "infrastructure.cluster.x-k8s.io/v1beta1",
              "time": "2026-11-25T10:36:26Z",
              "fieldsType": "FieldsV1",
              "fieldsV1": {
                "f:metadata": {
                  "f:annotations": {
                    ".": {},
                    "f:kubectl.kubernetes.io/last-applied-configuration": {}
                  },
                  "f:labels": {
                    ".": {},
                    "f:cluster.x-k8s.io/cluster-name": {}
                  }
                },
                "f:spec": {
                  ".": {},
                  "f:image": {},
                  "f:minCPU": {},
                  "f:minMemory": {},
                  "f:providerID": {},
                  "f:tags": {}
                }
              }
            }
          ]
        }
      }
    }
  ]
}
"""#

    static let status422Schema = #"""
{
  "kind": "Status",
  "apiVersion": "v1",
  "metadata": {},
  "status": "Failure",
  "message": "MaasMachine.infrastructure.cluster.x-k8s.io \"mm1\" is invalid: spec.minCPU: Invalid value: -1: spec.minCPU in body should be greater than or equal to 0",
  "reason": "Invalid",
  "details": {
    "name": "mm1",
    "group": "infrastructure.cluster.x-k8s.io",
    "kind": "MaasMachine",
    "causes": [
      {
        "reason": "FieldValueInvalid",
        "message": "Invalid value: -1: spec.minCPU in body should be greater than or equal to 0",
        "field": "spec.minCPU"
      }
    ]
  },
  "code": 422
}
"""#

    static let status422CEL = #"""
{
  "kind": "Status",
  "apiVersion": "v1",
  "metadata": {},
  "status": "Failure",
  "message": "MaasMachine.infrastructure.cluster.x-k8s.io \"mm1\" is invalid: spec.image: Invalid value: \"ubuntu-24.04\": image is immutable",
  "reason": "Invalid",
  "details": {
    "name": "mm1",
    "group": "infrastructure.cluster.x-k8s.io",
    "kind": "MaasMachine",
    "causes": [
      {
        "reason": "FieldValueInvalid",
        "message": "Invalid value: \"ubuntu-24.04\": image is immutable",
        "field": "spec.image"
      }
    ]
  },
  "code": 422
}
"""#

    static let status400Strict = #"""
{
  "kind": "Status",
  "apiVersion": "v1",
  "metadata": {},
  "status": "Failure",
  "message": "MaasMachine in version \"v1beta1\" cannot be handled as a MaasMachine: strict decoding error: unknown field \"spec.foo\"",
  "reason": "BadRequest",
  "code": 400
}
"""#

    static let status422Strict = #"""
{
  "kind": "Status",
  "apiVersion": "v1",
  "metadata": {},
  "status": "Failure",
  "message": " \"\" is invalid: patch: Invalid value: \"{\\\"apiVersion\\\":\\\"infrastructure.cluster.x-k8s.io/v1beta1\\\",\\\"kind\\\":\\\"MaasMachine\\\",\\\"metadata\\\":{\\\"annotations\\\":{\\\"kubectl.kubernetes.io/last-applied-configuration\\\":\\\"{\\\\\\\"apiVersion\\\\\\\":\\\\\\\"infrastructure.cluster.x-k8s.io/v1beta1\\\\\\\",\\\\\\\"kind\\\\\\\":\\\\\\\"MaasMachine\\\\\\\",\\\\\\\"metadata\\\\\\\":{\\\\\\\"annotations\\\\\\\":{},\\\\\\\"labels\\\\\\\":{\\\\\\\"cluster.x-k8s.io/cluster-name\\\\\\\":\\\\\\\"c1\\\\\\\"},\\\\\\\"name\\\\\\\":\\\\\\\"mm1\\\\\\\",\\\\\\\"namespace\\\\\\\":\\\\\\\"default\\\\\\\"},\\\\\\\"spec\\\\\\\":{\\\\\\\"foo\\\\\\\":\\\\\\\"bar\\\\\\\",\\\\\\\"image\\\\\\\":\\\\\\\"ubuntu-22.04\\\\\\\",\\\\\\\"minCPU\\\\\\\":2,\\\\\\\"minMemory\\\\\\\":4096,\\\\\\\"providerID\\\\\\\":\\\\\\\"maas:///zone1/abc123\\\\\\\",\\\\\\\"tags\\\\\\\":[\\\\\\\"gpu\\\\\\\"]}}\\\\n\\\"},\\\"creationTimestamp\\\":\\\"2026-11-25T10:36:25Z\\\",\\\"generation\\\":1,\\\"labels\\\":{\\\"cluster.x-k8s.io/cluster-name\\\":\\\"c1\\\",\\\"phase\\\":\\\"a\\\"},\\\"managedFields\\\":[{\\\"apiVersion\\\":\\\"infrastructure.cluster.x-k8s.io/v1beta1\\\",\\\"fieldsType\\\":\\\"FieldsV1\\\",\\\"fieldsV1\\\":{\\\"f:status\\\":{\\\".\\\":{},\\\"f:conditions\\\":{},\\\"f:machineState\\\":{},\\\"f:ready\\\":{}}},\\\"manager\\\":\\\"kubectl-patch\\\",\\\"operation\\\":\\\"Update\\\",\\\"subresource\\\":\\\"status\\\",\\\"time\\\":\\\"2026-11-25T10:36:26Z\\\"},{\\\"apiVersion\\\":\\\"infrastructure.cluster.x-k8s.io/v1beta1\\\",\\\"fieldsType\\\":\\\"FieldsV1\\\",\\\"fieldsV1\\\":{\\\"f:metadata\\\":{\\\"f:labels\\\":{\\\"f:phase\\\":{}}}},\\\"manager\\\":\\\"kubectl-label\\\",\\\"operation\\\":\\\"Update\\\",\\\"time\\\":\\\"2026-11-25T10:38:07Z\\\"},{\\\"apiVersion\\\":\\\"infrastructure.cluster.x-k8s.io/v1beta1\\\",\\\"fieldsType\\\":\\\"FieldsV1\\\",\\\"fieldsV1\\\":{\\\"f:metadata\\\":{\\\"f:annotations\\\":{\\\".\\\":{},\\\"f:kubectl.kubernetes.io/last-applied-configuration\\\":{}},\\\"f:labels\\\":{\\\".\\\":{},\\\"f:cluster.x-k8s.io/cluster-name\\\":{}}},\\\"f:spec\\\":{\\\".\\\":{},\\\"f:image\\\":{},\\\"f:minCPU\\\":{},\\\"f:minMemory\\\":{},\\\"f:providerID\\\":{},\\\"f:tags\\\":{}}},\\\"manager\\\":\\\"kubectl-client-side-apply\\\",\\\"operation\\\":\\\"Update\\\",\\\"time\\\":\\\"2026-11-25T10:39:21Z\\\"}],\\\"name\\\":\\\"mm1\\\",\\\"namespace\\\":\\\"default\\\",\\\"resourceVersion\\\":\\\"416\\\",\\\"uid\\\":\\\"00000000-0000-4000-8000-000000000001\\\"},\\\"spec\\\":{\\\"foo\\\":\\\"bar\\\",\\\"image\\\":\\\"ubuntu-22.04\\\",\\\"minCPU\\\":2,\\\"minMemory\\\":4096,\\\"providerID\\\":\\\"maas:///zone1/abc123\\\",\\\"tags\\\":[\\\"gpu\\\"]},\\\"status\\\":{\\\"conditions\\\":[{\\\"lastTransitionTime\\\":\\\"2026-11-25T10:00:00Z\\\",\\\"message\\\":\\\"machine is deployed\\\",\\\"observedGeneration\\\":1,\\\"reason\\\":\\\"MachineDeployed\\\",\\\"status\\\":\\\"True\\\",\\\"type\\\":\\\"Ready\\\"}],\\\"machineState\\\":\\\"Deployed\\\",\\\"ready\\\":true}}\": strict decoding error: unknown field \"spec.foo\"",
  "reason": "Invalid",
  "details": {
    "causes": [
      {
        "reason": "FieldValueInvalid",
        "message": "Invalid value: \"{\\\"apiVersion\\\":\\\"infrastructure.cluster.x-k8s.io/v1beta1\\\",\\\"kind\\\":\\\"MaasMachine\\\",\\\"metadata\\\":{\\\"annotations\\\":{\\\"kubectl.kubernetes.io/last-applied-configuration\\\":\\\"{\\\\\\\"apiVersion\\\\\\\":\\\\\\\"infrastructure.cluster.x-k8s.io/v1beta1\\\\\\\",\\\\\\\"kind\\\\\\\":\\\\\\\"MaasMachine\\\\\\\",\\\\\\\"metadata\\\\\\\":{\\\\\\\"annotations\\\\\\\":{},\\\\\\\"labels\\\\\\\":{\\\\\\\"cluster.x-k8s.io/cluster-name\\\\\\\":\\\\\\\"c1\\\\\\\"},\\\\\\\"name\\\\\\\":\\\\\\\"mm1\\\\\\\",\\\\\\\"namespace\\\\\\\":\\\\\\\"default\\\\\\\"},\\\\\\\"spec\\\\\\\":{\\\\\\\"foo\\\\\\\":\\\\\\\"bar\\\\\\\",\\\\\\\"image\\\\\\\":\\\\\\\"ubuntu-22.04\\\\\\\",\\\\\\\"minCPU\\\\\\\":2,\\\\\\\"minMemory\\\\\\\":4096,\\\\\\\"providerID\\\\\\\":\\\\\\\"maas:///zone1/abc123\\\\\\\",\\\\\\\"tags\\\\\\\":[\\\\\\\"gpu\\\\\\\"]}}\\\\n\\\"},\\\"creationTimestamp\\\":\\\"2026-11-25T10:36:25Z\\\",\\\"generation\\\":1,\\\"labels\\\":{\\\"cluster.x-k8s.io/cluster-name\\\":\\\"c1\\\",\\\"phase\\\":\\\"a\\\"},\\\"managedFields\\\":[{\\\"apiVersion\\\":\\\"infrastructure.cluster.x-k8s.io/v1beta1\\\",\\\"fieldsType\\\":\\\"FieldsV1\\\",\\\"fieldsV1\\\":{\\\"f:status\\\":{\\\".\\\":{},\\\"f:conditions\\\":{},\\\"f:machineState\\\":{},\\\"f:ready\\\":{}}},\\\"manager\\\":\\\"kubectl-patch\\\",\\\"operation\\\":\\\"Update\\\",\\\"subresource\\\":\\\"status\\\",\\\"time\\\":\\\"2026-11-25T10:36:26Z\\\"},{\\\"apiVersion\\\":\\\"infrastructure.cluster.x-k8s.io/v1beta1\\\",\\\"fieldsType\\\":\\\"FieldsV1\\\",\\\"fieldsV1\\\":{\\\"f:metadata\\\":{\\\"f:labels\\\":{\\\"f:phase\\\":{}}}},\\\"manager\\\":\\\"kubectl-label\\\",\\\"operation\\\":\\\"Update\\\",\\\"time\\\":\\\"2026-11-25T10:38:07Z\\\"},{\\\"apiVersion\\\":\\\"infrastructure.cluster.x-k8s.io/v1beta1\\\",\\\"fieldsType\\\":\\\"FieldsV1\\\",\\\"fieldsV1\\\":{\\\"f:metadata\\\":{\\\"f:annotations\\\":{\\\".\\\":{},\\\"f:kubectl.kubernetes.io/last-applied-configuration\\\":{}},\\\"f:labels\\\":{\\\".\\\":{},\\\"f:cluster.x-k8s.io/cluster-name\\\":{}}},\\\"f:spec\\\":{\\\".\\\":{},\\\"f:image\\\":{},\\\"f:minCPU\\\":{},\\\"f:minMemory\\\":{},\\\"f:providerID\\\":{},\\\"f:tags\\\":{}}},\\\"manager\\\":\\\"kubectl-client-side-apply\\\",\\\"operation\\\":\\\"Update\\\",\\\"time\\\":\\\"2026-11-25T10:39:21Z\\\"}],\\\"name\\\":\\\"mm1\\\",\\\"namespace\\\":\\\"default\\\",\\\"resourceVersion\\\":\\\"416\\\",\\\"uid\\\":\\\"00000000-0000-4000-8000-000000000001\\\"},\\\"spec\\\":{\\\"foo\\\":\\\"bar\\\",\\\"image\\\":\\\"ubuntu-22.04\\\",\\\"minCPU\\\":2,\\\"minMemory\\\":4096,\\\"providerID\\\":\\\"maas:///zone1/abc123\\\",\\\"tags\\\":[\\\"gpu\\\"]},\\\"status\\\":{\\\"conditions\\\":[{\\\"lastTransitionTime\\\":\\\"2026-11-25T10:00:00Z\\\",\\\"message\\\":\\\"machine is deployed\\\",\\\"observedGeneration\\\":1,\\\"reason\\\":\\\"MachineDeployed\\\",\\\"status\\\":\\\"True\\\",\\\"type\\\":\\\"Ready\\\"}],\\\"machineState\\\":\\\"Deployed\\\",\\\"ready\\\":true}}\": strict decoding error: unknown field \"spec.foo\"",
        "field": "patch"
      }
    ]
  },
  "code": 422
}
"""#

    static let strictPatchedObject = #"""
{
  "apiVersion": "infrastructure.cluster.x-k8s.io/v1beta1",
  "kind": "MaasMachine",
  "metadata": {
    "annotations": {
      "kubectl.kubernetes.io/last-applied-configuration": "{\"apiVersion\":\"infrastructure.cluster.x-k8s.io/v1beta1\",\"kind\":\"MaasMachine\",\"metadata\":{\"annotations\":{},\"labels\":{\"cluster.x-k8s.io/cluster-name\":\"c1\"},\"name\":\"mm1\",\"namespace\":\"default\"},\"spec\":{\"foo\":\"bar\",\"image\":\"ubuntu-22.04\",\"minCPU\":2,\"minMemory\":4096,\"providerID\":\"maas:///zone1/abc123\",\"tags\":[\"gpu\"]}}\n"
    },
    "creationTimestamp": "2026-11-25T10:36:25Z",
    "generation": 1,
    "labels": {
      "cluster.x-k8s.io/cluster-name": "c1",
      "phase": "a"
    },
    "managedFields": [
      {
        "apiVersion": "infrastructure.cluster.x-k8s.io/v1beta1",
        "fieldsType": "FieldsV1",
        "fieldsV1": {
          "f:status": {
            ".": {},
            "f:conditions": {},
            "f:machineState": {},
            "f:ready": {}
          }
        },
        "manager": "kubectl-patch",
        "operation": "Update",
        "subresource": "status",
        "time": "2026-11-25T10:36:26Z"
      },
      {
        "apiVersion": "infrastructure.cluster.x-k8s.io/v1beta1",
        "fieldsType": "FieldsV1",
        "fieldsV1": {
          "f:metadata": {
            "f:labels": {
              "f:phase": {}
            }
          }
        },
        "manager": "kubectl-label",
        "operation": "Update",
        "time": "2026-11-25T10:38:07Z"
      },
      {
        "apiVersion": "infrastructure.cluster.x-k8s.io/v1beta1",
        "fieldsType": "FieldsV1",
        "fieldsV1": {
          "f:metadata": {
            "f:annotations": {
              ".": {},
              "f:kubectl.kubernetes.io/last-applied-configuration": {}
            },
            "f:labels": {
              ".": {},
              "f:cluster.x-k8s.io/cluster-name": {}
            }
          },
          "f:spec": {
            ".": {},
            "f:image": {},
            "f:minCPU": {},
            "f:minMemory": {},
            "f:providerID": {},
            "f:tags": {}
          }
        },
        "manager": "kubectl-client-side-apply",
        "operation": "Update",
        "time": "2026-11-25T10:39:21Z"
      }
    ],
    "name": "mm1",
    "namespace": "default",
    "resourceVersion": "416",
    "uid": "00000000-0000-4000-8000-000000000001"
  },
  "spec": {
    "foo": "bar",
    "image": "ubuntu-22.04",
    "minCPU": 2,
    "minMemory": 4096,
    "providerID": "maas:///zone1/abc123",
    "tags": [
      "gpu"
    ]
  },
  "status": {
    "conditions": [
      {
        "lastTransitionTime": "2026-11-25T10:00:00Z",
        "message": "machine is deployed",
        "observedGeneration": 1,
        "reason": "MachineDeployed",
        "status": "True",
        "type": "Ready"
      }
    ],
    "machineState": "Deployed",
    "ready": true
  }
}
"""#

    static func json(_ text: String) throws -> JSONValue { try JSONValue.parse(text) }
}
