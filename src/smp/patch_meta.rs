//! Patch metadata: the `patchStrategy`/`patchMergeKey` struct tags of k8s.io/api core/v1 and
//! apimachinery meta/v1 that `kubectl debug`'s patches touch, as a table instead of Go
//! reflection (apimachinery `PatchMetaFromStruct`).

/// The Go struct a JSON object is decoded into, as far as patch metadata is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PatchStruct {
    Pod,
    ObjectMeta,
    PodSpec,
    PodStatus,
    Container,
    /// Any other struct or map: no field has a patch strategy.
    Opaque,
}

/// `PatchMeta` of one field: `patchStrategy:"merge[,retainKeys]" patchMergeKey:"…"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct PatchMeta {
    pub merge: bool,
    pub retain_keys: bool,
    /// Empty for merged primitive lists (`finalizers`).
    pub key: &'static str,
}

const fn merge(key: &'static str) -> PatchMeta {
    PatchMeta {
        merge: true,
        retain_keys: false,
        key,
    }
}

const fn merge_retain(key: &'static str) -> PatchMeta {
    PatchMeta {
        merge: true,
        retain_keys: true,
        key,
    }
}

/// `LookupPatchMetadataForStruct` / `LookupPatchMetadataForSlice`: the field's element type and
/// patch metadata. Tags from k8s.io/api core/v1 types.go and apimachinery meta/v1 types.go.
// DIVERGENCE(apimachinery): a field unknown to the Go struct is an error there ("unable to find
// api field in struct …"); kubectl only ever patches JSON it marshalled from structs, so such
// fields never occur, and here they are treated as plain (recursively merged / atomic) data.
pub(crate) fn lookup(ty: PatchStruct, field: &str) -> (PatchStruct, PatchMeta) {
    let none = PatchMeta::default();
    match ty {
        PatchStruct::Pod => match field {
            "metadata" => (PatchStruct::ObjectMeta, none),
            "spec" => (PatchStruct::PodSpec, none),
            "status" => (PatchStruct::PodStatus, none),
            _ => (PatchStruct::Opaque, none),
        },
        PatchStruct::ObjectMeta => match field {
            "ownerReferences" => (PatchStruct::Opaque, merge("uid")),
            "finalizers" => (PatchStruct::Opaque, merge("")),
            _ => (PatchStruct::Opaque, none),
        },
        PatchStruct::PodSpec => match field {
            "volumes" => (PatchStruct::Opaque, merge_retain("name")),
            "initContainers" | "containers" | "ephemeralContainers" => {
                (PatchStruct::Container, merge("name"))
            }
            "imagePullSecrets" | "schedulingGates" | "evictionResponders" => {
                (PatchStruct::Opaque, merge("name"))
            }
            "hostAliases" => (PatchStruct::Opaque, merge("ip")),
            "topologySpreadConstraints" => (PatchStruct::Opaque, merge("topologyKey")),
            "resourceClaims" => (PatchStruct::Opaque, merge_retain("name")),
            _ => (PatchStruct::Opaque, none),
        },
        PatchStruct::PodStatus => match field {
            "conditions" => (PatchStruct::Opaque, merge("type")),
            "hostIPs" | "podIPs" => (PatchStruct::Opaque, merge("ip")),
            "resourceClaimStatuses" => (PatchStruct::Opaque, merge_retain("name")),
            "nodeAllocatableResourceClaimStatuses" => {
                (PatchStruct::Opaque, merge("resourceClaimName"))
            }
            _ => (PatchStruct::Opaque, none),
        },
        PatchStruct::Container => match field {
            "ports" => (PatchStruct::Opaque, merge("containerPort")),
            "env" => (PatchStruct::Opaque, merge("name")),
            "volumeMounts" => (PatchStruct::Opaque, merge("mountPath")),
            "volumeDevices" => (PatchStruct::Opaque, merge("devicePath")),
            _ => (PatchStruct::Opaque, none),
        },
        PatchStruct::Opaque => (PatchStruct::Opaque, none),
    }
}

/// The patch directive keys (apimachinery `directiveMarker`, `retainKeysDirective`,
/// `deleteFromPrimitiveListDirectivePrefix`, `setElementOrderDirectivePrefix`).
pub(super) const DIRECTIVE: &str = "$patch";
pub(super) const RETAIN_KEYS: &str = "$retainKeys";
pub(super) const DELETE_PREFIX: &str = "$deleteFromPrimitiveList";
pub(super) const ORDER_PREFIX: &str = "$setElementOrder";
