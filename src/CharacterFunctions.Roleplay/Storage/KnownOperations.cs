namespace CharacterFunctions.Roleplay.Storage;

/// <summary>
/// The operation ids of one session that have a record, as <see cref="SoleOwnerClaims"/> knows them: loaded
/// once from the store, then extended by every record this process writes. Ids added while the load runs are
/// kept too, so nothing written after the entry was created can be missed. "Not in the set" proves an id
/// new without a read; a session with very many ids is not indexed (every claim then reads).
/// </summary>
internal sealed class KnownOperations
{
    /// <summary>Beyond this many ids a session is not indexed: the set would cost more memory than the read it saves.</summary>
    public const int MaxIds = 5_000;

    private readonly Lock _gate = new();
    private readonly List<string> _addedBeforeLoad = [];
    private HashSet<string>? _ids;
    private bool _tooMany;

    /// <summary>False until a load has completed.</summary>
    public bool IsLoaded
    {
        get
        {
            lock (_gate)
            {
                return _ids is not null || _tooMany;
            }
        }
    }

    public void Loaded(IReadOnlyCollection<string> stored)
    {
        lock (_gate)
        {
            if (_tooMany || stored.Count > MaxIds)
            {
                _tooMany = true;
                _ids = null;
                return;
            }
            _ids ??= new HashSet<string>(StringComparer.Ordinal);
            _ids.UnionWith(stored);
            _ids.UnionWith(_addedBeforeLoad);
            _addedBeforeLoad.Clear();
        }
    }

    /// <summary>A record for <paramref name="operationId"/> was written (a commit's completion, a completed claim).</summary>
    public void Add(string operationId)
    {
        lock (_gate)
        {
            if (_ids is not null)
            {
                _ids.Add(operationId);
                _tooMany = _ids.Count > MaxIds;
                if (_tooMany)
                {
                    _ids = null;
                }
            }
            else if (!_tooMany)
            {
                _addedBeforeLoad.Add(operationId);
            }
        }
    }

    /// <summary>True only when the id certainly has no record: loaded, indexed, and not in the set.</summary>
    public bool IsCertainlyNew(string operationId)
    {
        lock (_gate)
        {
            return _ids is not null && !_ids.Contains(operationId);
        }
    }
}
