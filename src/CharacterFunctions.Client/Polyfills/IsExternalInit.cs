#if !NET5_0_OR_GREATER
namespace System.Runtime.CompilerServices;

/// <summary>Lets netstandard2.1 (Unity) compile records and init-only properties; the runtime never looks at it.</summary>
internal static class IsExternalInit
{
}
#endif
