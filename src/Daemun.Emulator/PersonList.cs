using System.Collections;

namespace Daemun.Emulator;

/// <summary>Thread-safe list of test people; enumeration walks a snapshot.</summary>
internal sealed class PersonList : IList<TestPerson>
{
    private readonly List<TestPerson> items;
    private readonly Lock gate = new();

    public PersonList(IEnumerable<TestPerson> seed) => items = [.. seed];

    public TestPerson? Find(string? id)
    {
        lock (gate) return items.Find(p => p.Id == id);
    }

    public TestPerson[] Snapshot()
    {
        lock (gate) return [.. items];
    }

    public TestPerson this[int index]
    {
        get { lock (gate) return items[index]; }
        set { lock (gate) items[index] = value; }
    }

    public int Count { get { lock (gate) return items.Count; } }
    public bool IsReadOnly => false;
    public void Add(TestPerson item) { lock (gate) items.Add(item); }
    public void Clear() { lock (gate) items.Clear(); }
    public bool Contains(TestPerson item) { lock (gate) return items.Contains(item); }
    public void CopyTo(TestPerson[] array, int arrayIndex) { lock (gate) items.CopyTo(array, arrayIndex); }
    public int IndexOf(TestPerson item) { lock (gate) return items.IndexOf(item); }
    public void Insert(int index, TestPerson item) { lock (gate) items.Insert(index, item); }
    public bool Remove(TestPerson item) { lock (gate) return items.Remove(item); }
    public void RemoveAt(int index) { lock (gate) items.RemoveAt(index); }
    public IEnumerator<TestPerson> GetEnumerator() => ((IEnumerable<TestPerson>)Snapshot()).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
